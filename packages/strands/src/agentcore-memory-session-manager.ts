import { InlineExecutor, MemorySession, type RestoredSession } from '@agentcore-session/core'
import {
  AfterInvocationEvent,
  AfterModelCallEvent,
  HookOrder,
  InitializedEvent,
  InvokeModelStage,
  type LocalAgent,
  MessageAddedEvent,
  SessionManager,
} from '@strands-agents/sdk'
import { AgentCoreStrandsError } from './errors'
import { toAdapterError } from './internal/closed-session-error'
import { LongTermMemoryInjector } from './internal/long-term-memory'
import { MessagePersistence } from './internal/message-persistence'
import { type RestoreOutcome, restoreAgent } from './internal/restore-agent'
import { StateSync } from './internal/state-sync'
import { validateAdapterOptions } from './internal/validate-adapter-options'
import { type AgentCoreMemorySessionManagerOptions, STRANDS_DEFAULT_AGENT_ID } from './session-manager-options'

// Strands' SessionManager validates its session id against /^[a-z0-9_-]+$/. The AgentCore session id
// allows more characters, so the base class gets this placeholder and `sessionId` is overridden.
const PLACEHOLDER_SESSION_ID = 'agentcore-memory'

/**
 * Persists a Strands agent's conversation and state in Amazon Bedrock AgentCore Memory, and injects
 * long-term memory into the model input. Pass it in the agent's `sessionManager` slot; it serves one agent.
 *
 * With `asyncMode: true`, no hook waits for a memory write: the background executor accepts each write and
 * returns, and makes the caller wait only while its queue is at `maxQueuedBytes`. With the default inline executor, each
 * write is durable before the agent continues.
 *
 * @example
 * ```ts
 * const agent = new Agent({
 *   model,
 *   printer: false,
 *   sessionManager: new AgentCoreMemorySessionManager({ memoryId, actorId, sessionId, asyncMode: true }),
 * })
 * ```
 */
export class AgentCoreMemorySessionManager extends SessionManager {
  readonly #options: AgentCoreMemorySessionManagerOptions
  #session: MemorySession
  #agent: LocalAgent | undefined
  #persistence: MessagePersistence | undefined

  /**
   * Builds the manager and its core `MemorySession`, and starts restoring the session unless `prefetch`
   * is `false`.
   *
   * @throws AgentCoreSessionError with code `INVALID_OPTION` and the `option` name when an option is invalid.
   */
  constructor(options: AgentCoreMemorySessionManagerOptions) {
    super({ sessionId: PLACEHOLDER_SESSION_ID })
    validateAdapterOptions(options)
    this.#options = options
    this.#session = this.#createSession(options.agentId ?? STRANDS_DEFAULT_AGENT_ID)
    if (options.prefetch !== false) void this.#session.prefetch()
  }

  /** Plugin name, unique among the agent's plugins. */
  override get name(): string {
    return 'agentcore-session:memory-session-manager'
  }

  /** The AgentCore session id, exactly as configured; `agent.sessionId` returns it. */
  override get sessionId(): string {
    return this.#options.sessionId
  }

  /** The AgentCore Memory id. */
  get memoryId(): string {
    return this.#session.memoryId
  }

  /** The actor whose events this session holds. */
  get actorId(): string {
    return this.#session.actorId
  }

  /** The id that scopes this agent's messages and state inside the session. */
  get agentId(): string {
    return this.#session.agentId
  }

  /** The core session that performs the memory I/O. */
  get session(): MemorySession {
    return this.#session
  }

  /**
   * Starts restoring the session, for example when a connection opens, and returns the restore.
   * Every call returns the same promise, and the agent's initialisation awaits it.
   */
  prefetch(): Promise<RestoredSession> {
    return this.#session.prefetch()
  }

  /**
   * Sends batched writes now and resolves when every earlier write of this session is durable.
   *
   * @throws AgentCoreSessionError with code `FLUSH_FAILED`, listing the writes that failed.
   */
  async flush(): Promise<void> {
    const replaceError = await this.#settleReplacements()
    await this.#session.flush()
    if (replaceError !== undefined) throw replaceError
  }

  /** Flushes, then rejects new writes with code `SESSION_CLOSED`. Call it when the conversation ends. */
  async close(): Promise<void> {
    const replaceError = await this.#settleReplacements()
    await this.#session.close()
    if (replaceError !== undefined) throw replaceError
  }

  /** Number of writes accepted but not yet durable. */
  pendingWrites(): number {
    return this.#session.pendingWrites()
  }

  /** Registers the hooks and the model-input middleware on `agent`. Strands calls it once per agent. */
  override initAgent(agent: LocalAgent): void {
    if (this.#agent !== undefined) throw alreadyAttached(this.#agent.id, agent.id)
    this.#agent = agent

    // Without an explicit agentId the agent's own id scopes the session. The prefetch used the Strands
    // default id, so a different id needs a session of its own.
    if (this.#options.agentId === undefined && agent.id !== this.#session.agentId) {
      const unused = this.#session
      this.#session = this.#createSession(agent.id)
      // The unused session wrote nothing; closing it stops the background executor it may have built.
      unused.close().catch(() => {})
    }

    const session = this.#session
    const persistence = new MessagePersistence(session, {
      deferReplacements: this.#usesBackgroundExecutor(),
      onError: this.#options.onError,
    })
    this.#persistence = persistence
    const stateSync = new StateSync(session)
    const longTermMemory = hasRetrieval(this.#options) ? new LongTermMemoryInjector(session) : undefined

    agent.addHook(
      InitializedEvent,
      this.#adaptErrors(async (event) => {
        const restored = await session.restore()
        const outcome = restoreAgent(event.agent, restored)
        persistence.markStored(outcome.storedIds)
        stateSync.resetBaseline(event.agent, restored.state !== undefined)
        this.#logRestore(event.agent, restored, outcome)
        if (restored.messages.length === 0) {
          // Messages the agent was built with start the history of a new session.
          for (const message of event.agent.messages) await persistence.persist(message)
        }
      }),
    )

    agent.addHook(
      MessageAddedEvent,
      this.#adaptErrors(async (event) => {
        longTermMemory?.onMessageAdded(event.message)
        await persistence.persist(event.message)
      }),
    )

    agent.addHook(
      AfterModelCallEvent,
      this.#adaptErrors(async (event) => {
        if (event.stopData?.redaction === undefined) return
        longTermMemory?.discard()
        await persistence.persistRedaction(event.agent)
      }),
    )

    // After* hooks of equal order run in reverse registration order, so the conversation manager's
    // trimming (registered earlier, default order) would run after this hook. SDK_LAST runs it last.
    agent.addHook(
      AfterInvocationEvent,
      this.#adaptErrors(async (event) => {
        longTermMemory?.discard()
        await stateSync.saveIfChanged(event.agent)
        if (this.#options.flushOnInvocationEnd === true) await this.flush()
      }),
      { order: HookOrder.SDK_LAST },
    )

    if (longTermMemory !== undefined) agent.addMiddleware(InvokeModelStage.Input, longTermMemory.injectContext)
  }

  /** Not supported: Graph and Swarm orchestrators need a multi-agent layout that this package lacks. */
  override initMultiAgent(): never {
    throw unsupported('initMultiAgent', 'Attach one manager to each agent of the orchestrator instead.')
  }

  /** Not supported: AgentCore Memory keeps per-message events, not whole-agent snapshots. */
  override saveSnapshot(_params: unknown): Promise<void> {
    return Promise.reject(unsupported('saveSnapshot', 'Writes happen per message; call flush() to make them durable.'))
  }

  /** Not supported: the agent restores on initialisation; call prefetch() to start it early. */
  override restoreSnapshot(_params: unknown): Promise<boolean> {
    return Promise.reject(unsupported('restoreSnapshot', 'The agent restores on initialisation; call prefetch().'))
  }

  /** Not supported: AgentCore Memory sessions have no immutable snapshots. */
  override listSnapshotIds(_params: unknown): Promise<string[]> {
    return Promise.reject(unsupported('listSnapshotIds', 'AgentCore Memory sessions have no snapshots.'))
  }

  /** Not supported: delete the session's events with the AgentCore Memory API (DeleteEvent). */
  override deleteSession(): Promise<void> {
    return Promise.reject(unsupported('deleteSession', 'Delete the events with the AgentCore Memory DeleteEvent API.'))
  }

  #logRestore(agent: LocalAgent, restored: RestoredSession, outcome: RestoreOutcome): void {
    const logger = this.#options.logger
    const fields = { sessionId: this.sessionId, agentId: this.agentId, messages: restored.messages.length }
    if (outcome.replacedMessages) {
      logger?.warn(fields, 'Restored messages replaced the messages the agent was built with')
    }
    if (outcome.skippedForStatefulModel) {
      logger?.info(fields, 'Restored messages left out because the model keeps the conversation server-side')
    }
    logger?.debug({ ...fields, agent: agent.id, restoredState: restored.state !== undefined }, 'Agent restored')
  }

  /** Wraps a hook so that core errors which name core's classes reach the Strands user in this package's terms. */
  #adaptErrors<Event>(hook: (event: Event) => Promise<void>): (event: Event) => Promise<void> {
    return async (event) => {
      try {
        await hook(event)
      } catch (error) {
        throw toAdapterError(error, this.sessionId)
      }
    }
  }

  /** Waits for deferred replacements, which must reach the session before its flush, and returns their error. */
  async #settleReplacements(): Promise<unknown> {
    try {
      await this.#persistence?.settle()
      return undefined
    } catch (error) {
      return error
    }
  }

  #usesBackgroundExecutor(): boolean {
    const executor = this.#options.executor
    return executor === undefined ? this.#options.asyncMode === true : !(executor instanceof InlineExecutor)
  }

  #createSession(agentId: string): MemorySession {
    const { flushOnInvocationEnd: _flush, prefetch: _prefetch, ...sessionOptions } = this.#options
    return new MemorySession({ ...sessionOptions, agentId })
  }
}

function hasRetrieval(options: AgentCoreMemorySessionManagerOptions): boolean {
  return options.retrievalConfig !== undefined && Object.keys(options.retrievalConfig).length > 0
}

function alreadyAttached(attachedId: string, newId: string): AgentCoreStrandsError {
  const fix = 'Give each agent its own manager; agents that share a session need different agentId values.'
  // Strands names every agent built without `id` 'agent', so two such agents have equal ids.
  const message =
    attachedId === newId
      ? `This AgentCoreMemorySessionManager is already attached to an agent (id '${attachedId}'). ${fix}`
      : `This AgentCoreMemorySessionManager is already attached to agent '${attachedId}', so it cannot serve ` +
        `agent '${newId}'. ${fix}`
  return new AgentCoreStrandsError('AGENT_ALREADY_ATTACHED', message)
}

function unsupported(operation: string, fix: string): AgentCoreStrandsError {
  return new AgentCoreStrandsError(
    'UNSUPPORTED_OPERATION',
    `AgentCoreMemorySessionManager does not support ${operation}(). ${fix}`,
  )
}
