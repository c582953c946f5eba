import { randomUUID } from 'node:crypto'
import { type Event, ListEventsCommand } from '@aws-sdk/client-bedrock-agentcore'
import {
  AGENT_STATE_TYPE,
  type AgentState,
  encodeMessages,
  parseStatePointer,
  RESERVED_METADATA_KEYS,
  STATE_POINTER_KEY,
} from '../codec'
import { AgentCoreSessionError } from '../errors/agentcore-session-error'
import { FlushFailedError } from '../errors/flush-failed-error'
import { InvalidOptionError } from '../errors/invalid-option-error'
import { WriteFailedError } from '../errors/write-failed-error'
import { BackgroundExecutor } from '../executor/background-executor'
import type { Executor, WriteTask } from '../executor/executor'
import { InlineExecutor } from '../executor/inline-executor'
import { stableStringify } from '../internal/stable-stringify'
import type { MemoryContext } from '../ltm/memory-context'
import { retrieveContext } from '../ltm/retrieve-context'
import type { MessageData } from '../message'
import { tracedRead } from '../observability/channels'
import { type Logger, silentLogger } from '../observability/logger'
import { resolveClient } from './create-client'
import { removeToolContext, selectRestoreWindow } from './history-shape'
import type { MemoryClient } from './memory-client'
import { MessageBatchTask } from './message-batch-task'
import { normalizeMetadata } from './metadata'
import { MonotonicTimestamps } from './monotonic-timestamps'
import { NewestStateTracker } from './newest-state-tracker'
import { createPendingMessage, type PendingMessage } from './pending-message'
import { PersistedIndex } from './persisted-index'
import { ReplaceTask } from './replace-task'
import { scanSession } from './restore'
import type { RestoredSession } from './restored-session'
import type { MemorySessionOptions } from './session-options'
import { StateTask } from './state-task'
import { validateMessage } from './validate-message'
import { type ResolvedSessionOptions, reservedMessageKeyCount, validateOptions } from './validate-options'
import type { WriteContext } from './write-context'

/** Tracks whether a submitted task was accepted, to route its failure. */
interface Ticket {
  accepted: boolean
  error: WriteFailedError | undefined
}

/**
 * One conversation in AgentCore Memory: restore, append, replace, agent
 * state, long-term memory retrieval, flush and close. Every option is
 * validated in the constructor, which makes no network call.
 */
export class MemorySession {
  /** The memory id. */
  readonly memoryId: string
  /** The actor id. */
  readonly actorId: string
  /** The session id. */
  readonly sessionId: string
  /** The agent id that scopes messages and state. */
  readonly agentId: string

  readonly #options: ResolvedSessionOptions
  readonly #client: MemoryClient
  readonly #executor: Executor
  readonly #ownsExecutor: boolean
  readonly #logger: Logger
  readonly #onError: ((error: AgentCoreSessionError) => void) | undefined
  readonly #metadataProvider: MemorySessionOptions['metadataProvider']
  readonly #timestamps: MonotonicTimestamps
  readonly #index = new PersistedIndex()
  readonly #context: WriteContext
  /** Messages held for the next batch. */
  #held: PendingMessage[] = []
  /** Messages handed to the executor whose write has not started. */
  readonly #queued = new Map<string, PendingMessage>()
  /** The newest agent state held for the next batch. */
  #heldState: AgentState | undefined
  #lastStateJson: string | undefined
  /** Submission state of each task, to route a failure to the caller or to `onError`. */
  readonly #tickets = new WeakMap<WriteTask, Ticket>()
  /** Message writes given up on, kept for `retryFailedWrites`. */
  #failedMessages: MessageBatchTask[] = []
  /** The newest agent state write given up on, unless a newer state was saved since. */
  #failedState: StateTask | undefined
  #unsettled = 0
  #flushTimer: NodeJS.Timeout | undefined
  #restore: Promise<RestoredSession> | undefined
  #seed: Promise<void> | undefined
  #resolveSeed: (() => void) | undefined
  #closed = false

  constructor(options: MemorySessionOptions) {
    this.#options = validateOptions(options)
    this.memoryId = this.#options.memoryId
    this.actorId = this.#options.actorId
    this.sessionId = this.#options.sessionId
    this.agentId = this.#options.agentId
    this.#client = resolveClient(options)
    this.#logger = options.logger ?? silentLogger
    this.#onError = options.onError
    this.#metadataProvider = options.metadataProvider
    this.#timestamps = new MonotonicTimestamps(options.clock ?? Date.now)

    if (options.executor !== undefined) {
      const executor = options.executor as Partial<Executor>
      if (typeof executor.submit !== 'function' || typeof executor.flush !== 'function') {
        throw new InvalidOptionError(
          'executor',
          'Invalid executor: expected an object with submit, flush, close and stats.',
        )
      }
      this.#executor = options.executor
      this.#ownsExecutor = false
    } else {
      this.#executor =
        options.asyncMode === true
          ? new BackgroundExecutor({ logger: this.#logger })
          : new InlineExecutor({ logger: this.#logger })
      this.#ownsExecutor = true
    }

    this.#context = {
      client: this.#client,
      memoryId: this.memoryId,
      actorId: this.actorId,
      sessionId: this.sessionId,
      agentId: this.agentId,
      storageFormat: this.#options.storageFormat,
      queueKey: JSON.stringify([this.memoryId, this.actorId, this.sessionId, this.agentId]),
      timestamps: this.#timestamps,
      index: this.#index,
      newestState: new NewestStateTracker(),
      logger: this.#logger,
      ensureSeeded: () => this.#ensureSeeded(),
    }
  }

  /**
   * Starts restoring the session unless it already started, and returns the
   * shared promise. Call it as early as possible (when a connection opens)
   * so the restore overlaps with the user typing. A rejection of the shared
   * promise is marked handled, so ignoring the result is safe. A failed
   * restore is forgotten, so the next call reads again.
   */
  prefetch(): Promise<RestoredSession> {
    if (this.#restore === undefined) {
      const restore = this.#runRestore()
      this.#restore = restore
      restore.catch(() => {
        // Without this, one failed read during an outage would fail every later turn of the session.
        if (this.#restore === restore) {
          this.#restore = undefined
        }
      })
    }
    return this.#restore
  }

  /** Awaits the restore, starting it if needed. Rejects with `READ_FAILED` when reading failed after retries. */
  restore(): Promise<RestoredSession> {
    return this.prefetch()
  }

  /**
   * Appends a message. With the inline executor it resolves once the message
   * is durable and rejects with the write error. With a background executor
   * it resolves once the message is accepted, and errors go to `onError` and
   * the next `flush()`. A message without content after blank text blocks
   * are dropped is not written. Rejects with `PAYLOAD_TOO_LARGE` before any
   * call when the message cannot fit in one event.
   */
  async appendMessage(message: MessageData, options: { id?: string } = {}): Promise<{ id: string }> {
    this.#assertOpen()
    const id = options.id ?? randomUUID()
    validateMessage(message, id)
    const metadata = this.#messageMetadata()
    const { events, skippedIds } = encodeMessages([{ id, message }], {
      format: this.#options.storageFormat,
      agentId: this.agentId,
      sessionId: this.sessionId,
    })
    if (skippedIds.includes(id) || events.length === 0) {
      this.#logger.debug({ sessionId: this.sessionId, messageId: id }, 'Message has no content to store; skipped')
      return { id }
    }
    if (this.#options.persistenceMode === 'NONE') {
      return { id }
    }
    const entry = createPendingMessage(id, message, metadata, events)
    this.#unsettled += 1
    this.#held.push(entry)
    if (this.#held.length >= this.#options.batchSize) {
      await this.#submitHeld()
    } else {
      this.#armFlushTimer()
    }
    return { id }
  }

  /**
   * Replaces a message, for example after a guardrail redacted it. A message
   * still held or queued is replaced without a call. A persisted one is
   * written again and its old event deleted, with a rollback when the delete
   * fails. Rejects with `MESSAGE_NOT_FOUND` for an id this session neither
   * restored nor wrote.
   */
  async replaceMessage(id: string, message: MessageData): Promise<void> {
    this.#assertOpen()
    validateMessage(message, id)
    if (this.#options.persistenceMode === 'NONE') {
      return
    }

    const { events, skippedIds } = encodeMessages([{ id, message }], {
      format: this.#options.storageFormat,
      agentId: this.agentId,
      sessionId: this.sessionId,
    })

    // A message not yet sent is replaced in place, with no call.
    const waiting = this.#held.find((entry) => entry.id === id) ?? this.#queued.get(id)
    if (waiting !== undefined && (waiting.stage === 'held' || waiting.stage === 'queued')) {
      // NOTE: a replacement left without content keeps the old message, because the id must still settle.
      if (!skippedIds.includes(id) && events.length > 0) {
        waiting.message = message
        waiting.encoded = events
      }
      return
    }
    if (waiting !== undefined) {
      await waiting.settled
    }

    const persisted = this.#index.find(id)
    if (persisted === undefined) {
      throw new AgentCoreSessionError(
        'MESSAGE_NOT_FOUND',
        `Cannot replace message ${id}: this session neither restored nor wrote it. Restore the session first, or pass the id returned by appendMessage.`,
      )
    }

    this.#unsettled += 1
    const task: ReplaceTask = new ReplaceTask(this.#context, persisted, id, message, (error) =>
      this.#settled(task, error),
    )
    await this.#dispatch(task)
  }

  /**
   * Saves agent state unless it equals the last state saved or restored.
   * Returns `false` when nothing was written. With batching, the state waits
   * for the next batch, and a newer state replaces a held one.
   */
  async saveAgentState(state: AgentState): Promise<boolean> {
    this.#assertOpen()
    const json = stableStringify(state)
    if (json === this.#lastStateJson) {
      return false
    }
    this.#lastStateJson = json
    if (this.#options.persistenceMode === 'NONE') {
      return true
    }
    // A newer state supersedes a failed older one, which must not be retried over it.
    this.#failedState = undefined
    if (this.#options.batchSize > 1) {
      if (this.#heldState === undefined) {
        this.#unsettled += 1
      }
      this.#heldState = state
      this.#armFlushTimer()
      return true
    }
    this.#unsettled += 1
    await this.#dispatch(this.#stateTask(state, json))
    return true
  }

  /**
   * Retrieves long-term memory for `query` from every configured namespace.
   * Never rejects: failed or timed-out namespaces are listed in `failures`
   * and reported to the logger. Returns no records without a call when the
   * query has no text or no namespace is configured.
   */
  async retrieveContext(query: string): Promise<MemoryContext> {
    try {
      return await retrieveContext(
        {
          client: this.#client,
          memoryId: this.memoryId,
          actorId: this.actorId,
          sessionId: this.sessionId,
          namespaces: this.#options.namespaces,
          timeoutMs: this.#options.retrievalTimeoutMs,
          contextTag: this.#options.contextTag,
          logger: this.#logger,
        },
        typeof query === 'string' ? query : '',
      )
    } catch (cause) {
      const error = new AgentCoreSessionError(
        'RETRIEVAL_FAILED',
        'Long-term memory retrieval failed; it was skipped.',
        {
          cause,
        },
      )
      this.#report(error)
      return { records: [], failures: [{ namespace: '*', error }] }
    }
  }

  /**
   * Sends held messages and state now, then resolves once every earlier
   * write of this session is durable. Rejects with `FLUSH_FAILED`, listing
   * the writes that failed since the previous flush.
   */
  async flush(): Promise<void> {
    if (this.#flushTimer !== undefined) {
      clearTimeout(this.#flushTimer)
      this.#flushTimer = undefined
    }
    const failures: WriteFailedError[] = []
    try {
      await this.#submitHeld()
    } catch (error) {
      if (error instanceof WriteFailedError) {
        failures.push(error)
      } else {
        throw error
      }
    }
    try {
      await this.#executor.flush(this.#context.queueKey)
    } catch (error) {
      if (!(error instanceof FlushFailedError)) {
        throw error
      }
      failures.push(...error.failures)
    }
    if (failures.length > 0) {
      throw new FlushFailedError(failures)
    }
  }

  /**
   * Flushes, then rejects new writes with `SESSION_CLOSED`. Closes the
   * executor when the session built it (`asyncMode` or the default).
   */
  async close(): Promise<void> {
    if (this.#closed) {
      return
    }
    try {
      await this.flush()
    } finally {
      this.#closed = true
      if (this.#ownsExecutor) {
        await this.#executor.close().catch(() => {})
      }
      this.#logger.info({ sessionId: this.sessionId, agentId: this.agentId }, 'Session closed')
    }
  }

  /**
   * Submits the message and agent state writes that failed again, with their
   * original timestamps and client tokens, so they keep their place in the
   * history and a write that reached the service after all is not
   * duplicated. Resolves like `appendMessage` and returns the number of
   * writes resubmitted. Failed replacements are not kept: call
   * `replaceMessage` again.
   */
  async retryFailedWrites(): Promise<number> {
    this.#assertOpen()
    const tasks: WriteTask[] = this.#failedMessages.splice(0)
    if (this.#failedState !== undefined) {
      tasks.push(this.#failedState)
      this.#failedState = undefined
    }
    for (const task of tasks) {
      this.#unsettled += task instanceof MessageBatchTask ? task.messageIds.length : 1
      await this.#dispatch(task)
    }
    return tasks.length
  }

  /** The executor that runs this session's writes; read its counters with `executor.stats()`. */
  get executor(): Executor {
    return this.#executor
  }

  /** Returns the number of writes accepted but not yet durable or given up on. */
  pendingWrites(): number {
    return this.#unsettled
  }

  async #runRestore(): Promise<RestoredSession> {
    this.#startSeed()
    try {
      const scan = await scanSession({
        client: this.#client,
        memoryId: this.memoryId,
        actorId: this.actorId,
        sessionId: this.sessionId,
        agentId: this.agentId,
        limit: this.#options.restoreLimit,
        logger: this.#logger,
        onNewestTimestamp: (timestampMs) => {
          this.#timestamps.seed(timestampMs)
          this.#resolveSeed?.()
        },
      })
      for (const skipped of scan.skipped) {
        this.#logger.warn(
          { sessionId: this.sessionId, eventId: skipped.eventId, reason: skipped.reason },
          'Event skipped',
        )
        this.#report(
          new AgentCoreSessionError(
            'EVENT_SKIPPED',
            `Event ${skipped.eventId} of session '${this.sessionId}' could not be read and was skipped: ${skipped.reason}`,
          ),
        )
      }
      // Every decoded message is indexed, because replacing one rewrites its whole event.
      this.#indexRestored(scan.messages)
      this.#context.newestState.learn(scan.state?.eventId ?? null)
      let messages = selectRestoreWindow(
        scan.messages.map((decoded) => ({ id: decoded.id, eventId: decoded.eventId, message: decoded.message })),
        this.#options.restoreLimit,
      )
      if (this.#options.filterRestoredToolContext) {
        messages = removeToolContext(messages)
      }
      if (scan.state !== undefined && this.#lastStateJson === undefined) {
        this.#lastStateJson = stableStringify(scan.state.state)
      }
      this.#logger.info(
        { sessionId: this.sessionId, agentId: this.agentId, messages: messages.length, skipped: scan.skipped.length },
        'Session restored',
      )
      return scan.state === undefined
        ? { messages, skipped: scan.skipped }
        : { messages, state: scan.state.state, skipped: scan.skipped }
    } finally {
      // Writes waiting for the seed proceed once the restore ended, whatever the outcome.
      this.#resolveSeed?.()
    }
  }

  #indexRestored(messages: { id: string; eventId: string; timestamp: number; message: MessageData }[]): void {
    const events = new Map<
      string,
      { eventId: string; timestamp: number; messages: { id: string; message: MessageData }[] }
    >()
    for (const decoded of messages) {
      let event = events.get(decoded.eventId)
      if (event === undefined) {
        event = { eventId: decoded.eventId, timestamp: decoded.timestamp, messages: [] }
        events.set(decoded.eventId, event)
      }
      event.messages.push({ id: decoded.id, message: decoded.message })
    }
    for (const event of events.values()) {
      // NOTE: messages of other agents in the same event are not decoded, so replacing a message of
      // an event shared with another agent drops the other agent's messages.
      this.#index.record(event)
    }
  }

  #startSeed(): void {
    if (this.#seed === undefined) {
      this.#seed = new Promise<void>((resolve) => {
        this.#resolveSeed = resolve
      })
    }
  }

  /**
   * Seeds timestamps before the first write: from the restore when one runs,
   * else from one ListEvents call for the newest event. A failed seed read
   * is logged and writes continue with the local clock.
   */
  #ensureSeeded(): Promise<void> {
    if (this.#seed !== undefined) {
      return this.#seed
    }
    this.#startSeed()
    const { memoryId, actorId, sessionId } = this
    tracedRead(
      { operation: 'ListEvents', memoryId, actorId, sessionId },
      () =>
        this.#client.send(
          new ListEventsCommand({ memoryId, actorId, sessionId, includePayloads: false, maxResults: 1 }),
        ),
      (output) => output.events?.length ?? 0,
    )
      .then((output) => {
        const newest = output.events?.[0]
        if (newest?.eventTimestamp !== undefined) {
          this.#timestamps.seed(newest.eventTimestamp.getTime())
        }
        this.#context.newestState.learn(newest === undefined ? null : this.#stateNamedBy(newest))
      })
      .catch((error: unknown) => {
        this.#logger.warn(
          { sessionId, error: error instanceof Error ? error.name : 'unknown' },
          'Reading the newest event for timestamp seeding failed; using the local clock',
        )
      })
      .finally(() => this.#resolveSeed?.())
    return this.#seed!
  }

  /**
   * Returns the newest agent-state event id that the session's newest event
   * shows: its own id for this agent's state event, the `stateEventId` of this
   * agent's message event, or undefined when the event does not tell.
   */
  #stateNamedBy(event: Event): string | null | undefined {
    const metadata = event.metadata
    if (metadata?.agentId?.stringValue !== this.agentId) {
      return undefined
    }
    if (metadata.stateType?.stringValue === AGENT_STATE_TYPE) {
      return event.eventId
    }
    return metadata.stateType === undefined ? parseStatePointer(metadata[STATE_POINTER_KEY]?.stringValue) : undefined
  }

  #messageMetadata() {
    const metadata = { ...this.#options.defaultMetadata }
    if (this.#metadataProvider !== undefined) {
      Object.assign(
        metadata,
        normalizeMetadata(
          'metadataProvider',
          this.#metadataProvider(),
          RESERVED_METADATA_KEYS,
          reservedMessageKeyCount,
        ),
      )
      normalizeMetadata('metadataProvider', metadata, RESERVED_METADATA_KEYS, reservedMessageKeyCount)
    }
    return metadata
  }

  async #submitHeld(): Promise<void> {
    const held = this.#held
    const state = this.#heldState
    this.#held = []
    this.#heldState = undefined
    const submissions: Promise<void>[] = []
    if (held.length > 0) {
      for (const entry of held) {
        entry.stage = 'queued'
        this.#queued.set(entry.id, entry)
      }
      const task = new MessageBatchTask(this.#context, held, (settledTask, entries, error) => {
        for (const entry of entries) {
          entry.stage = 'settled'
          this.#queued.delete(entry.id)
          entry.settle(error)
        }
        if (error !== undefined) {
          this.#failedMessages.push(settledTask)
        }
        this.#settled(settledTask, error, entries.length)
      })
      submissions.push(this.#dispatch(task))
    }
    if (state !== undefined) {
      submissions.push(this.#dispatch(this.#stateTask(state, stableStringify(state))))
    }
    const results = await Promise.allSettled(submissions)
    const rejected = results.find((result) => result.status === 'rejected')
    if (rejected !== undefined) {
      throw rejected.reason
    }
  }

  /**
   * Submits a task. A failure that settles after the executor accepted the
   * task goes to `onError`. A failure that settles before is the rejection
   * the caller receives, so it is not reported twice.
   */
  async #dispatch(task: WriteTask): Promise<void> {
    const ticket: Ticket = { accepted: false, error: undefined }
    this.#tickets.set(task, ticket)
    await this.#executor.submit(task)
    ticket.accepted = true
    if (ticket.error !== undefined) {
      this.#report(ticket.error)
    }
  }

  /**
   * Builds a state write. When it fails, the state is forgotten as the last
   * saved one, so saving it again is not skipped as unchanged, and it is kept
   * for `retryFailedWrites`.
   */
  #stateTask(state: AgentState, json: string): StateTask {
    const task: StateTask = new StateTask(this.#context, state, (error) => {
      if (error !== undefined && this.#lastStateJson === json) {
        this.#lastStateJson = undefined
      }
      if (error !== undefined && this.#failedState === undefined) {
        this.#failedState = task
      }
      this.#settled(task, error)
    })
    return task
  }

  #settled(task: WriteTask, error: WriteFailedError | undefined, count = 1): void {
    this.#unsettled -= count
    if (error === undefined) {
      return
    }
    // A task that an executor merged was never submitted itself, and executors merge only accepted tasks.
    const ticket = this.#tickets.get(task)
    if (ticket === undefined || ticket.accepted) {
      this.#report(error)
    } else {
      ticket.error = error
    }
  }

  #armFlushTimer(): void {
    const interval = this.#options.flushIntervalMs
    if (interval === undefined || this.#flushTimer !== undefined) {
      return
    }
    this.#flushTimer = setTimeout(() => {
      this.#flushTimer = undefined
      this.#submitHeld().catch((error: unknown) => {
        // No caller awaits a timed flush, so an error that an inline executor raised goes to onError here.
        if (AgentCoreSessionError.isInstance(error)) {
          this.#report(error)
        }
      })
    }, interval)
    this.#flushTimer.unref?.()
  }

  #report(error: AgentCoreSessionError): void {
    if (this.#onError === undefined) {
      return
    }
    try {
      this.#onError(error)
    } catch (hookError) {
      this.#logger.error({ error: hookError instanceof Error ? hookError.name : 'unknown' }, 'The onError hook threw')
    }
  }

  #assertOpen(): void {
    if (this.#closed) {
      throw new AgentCoreSessionError(
        'SESSION_CLOSED',
        `Session '${this.sessionId}' is closed and accepts no more writes. Build a new MemorySession.`,
      )
    }
  }
}
