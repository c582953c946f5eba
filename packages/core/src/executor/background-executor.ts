import { AgentCoreSessionError } from '../errors/agentcore-session-error'
import { FlushFailedError } from '../errors/flush-failed-error'
import { InvalidOptionError } from '../errors/invalid-option-error'
import type { WriteFailedError } from '../errors/write-failed-error'
import { LatencyStats } from '../internal/latency-stats'
import { type Logger, silentLogger } from '../observability/logger'
import type { MemoryClient } from '../session/memory-client'
import type { Executor, ExecutorStats, WriteTask } from './executor'
import { OutboxJournal } from './outbox/outbox-journal'
import { ReplayTask } from './outbox/replay-task'
import { type RetryPolicy, runWithRetry } from './run-with-retry'

/** Options of {@link BackgroundExecutor}. */
export interface BackgroundExecutorOptions {
  /** Maximum number of sessions whose writes run at the same time. Default 16. */
  maxConcurrentSessions?: number
  /**
   * Memory bound for accepted writes that are not yet durable, in bytes. When
   * it is reached, `submit` waits until earlier writes finish; nothing is
   * dropped. A single write larger than the bound is accepted when nothing
   * else is queued. Default 64 MiB.
   */
  maxQueuedBytes?: number
  /** Time after a write's first attempt during which retries may start, in milliseconds. Default 30 000. */
  retryBudgetMs?: number
  /**
   * Maximum HTTP attempts per write, counting the AWS SDK's own. Default 100, so that `retryBudgetMs` ends
   * the retries of an outage: a client with the SDK's default retries makes three HTTP attempts per executor
   * attempt, and a lower count would give up within a second against a refused connection.
   */
  maxAttempts?: number
  /** Backoff base for 5xx, network and conflict errors, in milliseconds. Default 50. */
  retryBaseDelayMs?: number
  /** Backoff base for throttling, in milliseconds. Default 500. */
  throttlingBaseDelayMs?: number
  /** Upper bound of one backoff delay, in milliseconds. Default 5 000. */
  maxRetryDelayMs?: number
  /** Maximum number of writes merged into one group commit. Default 100. */
  maxGroupSize?: number
  /** Number of failures kept for {@link BackgroundExecutor.failures}. Default 1 000. */
  maxRetainedFailures?: number
  /** Called for each write given up on, in addition to the session's `onError`. */
  onError?: (error: WriteFailedError) => void
  /** Pino-compatible logger. Default: silent. */
  logger?: Logger
  /**
   * Directory of the durable outbox; no outbox when absent. With it, each
   * accepted message or state write is fixed (payload, timestamp, client
   * token) and appended to a journal file in this directory, and the file is
   * fsynced before `submit` resolves. Written writes are marked done and
   * compacted away. When an executor starts on a directory that still contains
   * unsettled writes (after a crash), it resends them unchanged through
   * `outboxClient` before any new write of the same session, so the service
   * drops the copies that had already arrived.
   *
   * Without an outbox, a crash loses every write accepted and not yet
   * written: at most `maxQueuedBytes` of queued writes, plus what a session
   * holds for batching (`batchSize`, `flushIntervalMs`).
   *
   * With an outbox, writes of one session are no longer merged into one
   * call, replacements of persisted messages are not journaled, and only one
   * process may use a directory at a time.
   */
  outboxDir?: string
  /** Client that resends journaled writes at start; required with `outboxDir`. */
  outboxClient?: MemoryClient
  /**
   * Bound of the unsettled writes in the outbox journal, in bytes of journal
   * lines. When it is reached, `submit` waits for earlier writes to finish;
   * a single write larger than the bound is rejected with
   * `OUTBOX_RECORD_TOO_LARGE`. The file itself stays under about twice this
   * bound plus 1 MiB, because settled lines are compacted away once they
   * make up more than half of it. Default 256 MiB.
   */
  maxOutboxBytes?: number
}

interface QueuedTask {
  task: WriteTask
  acceptedAt: number
}

interface Queue {
  tasks: QueuedTask[]
  running: boolean
  submitted: number
  settled: number
  waiters: { target: number; resolve: () => void }[]
  unreported: WriteFailedError[]
}

/**
 * Persists writes behind the caller. `submit` resolves as soon as the write is
 * accepted, and the executor then:
 * - keeps each queue (one per session) in FIFO order, one call in flight;
 * - merges writes that queued up while a call was in flight into one call
 *   (group commit, through `WriteTask.mergeWith`);
 * - runs at most `maxConcurrentSessions` queues at once, round robin;
 * - retries throttling, 5xx, network errors and RetryableConflictException
 *   with exponential backoff and jitter within `retryBudgetMs`;
 * - makes callers wait when `maxQueuedBytes` is reached, dropping nothing;
 * - reports a write it gives up on to `onError` and to the next `flush()`,
 *   and keeps it in `failures()`.
 *
 * One instance can serve many sessions.
 */
export class BackgroundExecutor implements Executor {
  readonly #policy: RetryPolicy
  readonly #maxConcurrent: number
  readonly #maxQueuedBytes: number
  readonly #maxGroupSize: number
  readonly #maxRetainedFailures: number
  readonly #onError: ((error: WriteFailedError) => void) | undefined
  readonly #logger: Logger
  readonly #queues = new Map<string, Queue>()
  readonly #ready: string[] = []
  readonly #admission: { bytes: number; resolve: () => void }[] = []
  readonly #failures: WriteFailedError[] = []
  readonly #latency = new LatencyStats()
  readonly #journal: OutboxJournal | undefined
  readonly #recovery: Promise<number>
  /** Journal sequence number of each journaled task that has not settled. */
  readonly #journaled = new Map<WriteTask, number>()
  /** Tail of each session's chain of journal appends, which keeps the journal in submission order. */
  readonly #journalChains = new Map<string, Promise<void>>()
  /** Newest replayed timestamp per queue, so new writes of a session sort after its replayed ones. */
  readonly #replayFloors = new Map<string, number>()
  #active = 0
  #queuedBytes = 0
  #queuedCount = 0
  #inFlight = 0
  #written = 0
  #retried = 0
  #failed = 0
  #closed = false

  constructor(options: BackgroundExecutorOptions = {}) {
    this.#maxConcurrent = positiveInteger(options.maxConcurrentSessions, 16, 'maxConcurrentSessions')
    this.#maxQueuedBytes = positiveInteger(options.maxQueuedBytes, 64 * 1024 * 1024, 'maxQueuedBytes')
    this.#maxGroupSize = positiveInteger(options.maxGroupSize, 100, 'maxGroupSize')
    this.#maxRetainedFailures = positiveInteger(options.maxRetainedFailures, 1000, 'maxRetainedFailures')
    this.#policy = {
      maxAttempts: positiveInteger(options.maxAttempts, 100, 'maxAttempts'),
      budgetMs: positiveInteger(options.retryBudgetMs, 30_000, 'retryBudgetMs'),
      baseDelayMs: positiveInteger(options.retryBaseDelayMs, 50, 'retryBaseDelayMs'),
      throttlingBaseDelayMs: positiveInteger(options.throttlingBaseDelayMs, 500, 'throttlingBaseDelayMs'),
      maxDelayMs: positiveInteger(options.maxRetryDelayMs, 5_000, 'maxRetryDelayMs'),
      random: Math.random,
    }
    this.#onError = options.onError
    this.#logger = options.logger ?? silentLogger

    const maxOutboxBytes = positiveInteger(options.maxOutboxBytes, 256 * 1024 * 1024, 'maxOutboxBytes')
    if (options.outboxDir === undefined) {
      this.#recovery = Promise.resolve(0)
      return
    }
    if (typeof options.outboxDir !== 'string' || options.outboxDir === '') {
      throw new InvalidOptionError('outboxDir', 'Invalid outboxDir: expected a non-empty directory path.')
    }
    const client = options.outboxClient
    if (client === undefined || typeof client.send !== 'function') {
      throw new InvalidOptionError(
        'outboxClient',
        'Missing outboxClient: outboxDir needs a client to resend journaled writes. Pass the client that the sessions use.',
      )
    }
    this.#journal = new OutboxJournal(options.outboxDir, maxOutboxBytes, this.#logger)
    this.#recovery = this.#recover(this.#journal, client)
    // Callers see a failed recovery when they submit or flush.
    this.#recovery.catch(() => {})
  }

  /**
   * Resolves with the number of journaled writes found at start and queued
   * for resending, 0 without an outbox. Rejects with `OUTBOX_FAILED` when
   * the outbox directory cannot be read or written.
   */
  recovery(): Promise<number> {
    return this.#recovery
  }

  /** Accepts a write, waiting first while the memory bound is reached. */
  async submit(task: WriteTask): Promise<void> {
    this.#assertOpen()
    if (this.#journal !== undefined) {
      await this.#submitDurable(task, this.#journal)
      return
    }
    await this.#admit(task.sizeBytes)
    this.#enqueue(task)
  }

  /** Journals the task after the earlier writes of its session, then queues it. */
  async #submitDurable(task: WriteTask, journal: OutboxJournal): Promise<void> {
    await this.#recovery
    const key = task.queueKey
    const previous = this.#journalChains.get(key) ?? Promise.resolve()
    let done!: () => void
    const current = new Promise<void>((resolve) => {
      done = resolve
    })
    this.#journalChains.set(key, current)
    try {
      await previous
      this.#assertOpen()
      await this.#admit(task.sizeBytes)
      try {
        if (task.prepareDurable !== undefined) {
          const events = await task.prepareDurable(this.#replayFloors.get(key))
          const kind = task.operation === 'state' ? 'state' : 'append'
          this.#journaled.set(task, await journal.append(key, kind, task.messageIds, events))
        }
      } catch (error) {
        this.#release(task.sizeBytes)
        if (AgentCoreSessionError.isInstance(error)) {
          throw error
        }
        throw new AgentCoreSessionError(
          'OUTBOX_FAILED',
          'Journaling a write to the outbox failed, so it was not accepted. Check the cause (for example a full disk) and retry the write.',
          { cause: error },
        )
      }
      this.#enqueue(task)
    } finally {
      done()
      if (this.#journalChains.get(key) === current) {
        this.#journalChains.delete(key)
      }
    }
  }

  #enqueue(task: WriteTask): void {
    const queue = this.#queue(task.queueKey)
    queue.tasks.push({ task, acceptedAt: performance.now() })
    queue.submitted += 1
    this.#queuedCount += 1
    this.#schedule(task.queueKey, queue)
  }

  /**
   * Resolves once every write of `queueKey` (or of every queue) accepted
   * before the call has settled. Rejects with a `FlushFailedError` when any
   * of those queues had failures since its previous flush.
   */
  async flush(queueKey?: string): Promise<void> {
    await this.#recovery
    const keys = queueKey === undefined ? [...this.#queues.keys()] : [queueKey]
    await Promise.all(keys.map((key) => this.#waitFor(key)))
    const failures: WriteFailedError[] = []
    for (const key of keys) {
      const queue = this.#queues.get(key)
      if (queue !== undefined) {
        failures.push(...queue.unreported.splice(0))
        this.#dropIfIdle(key, queue)
      }
    }
    if (failures.length > 0) {
      throw new FlushFailedError(failures)
    }
  }

  /** Drains every queue, then rejects new writes with code `EXECUTOR_CLOSED`. */
  async close(): Promise<void> {
    this.#closed = true
    // Writes still being journaled were accepted by their callers' sessions, so they are drained too.
    await Promise.all(this.#journalChains.values())
    await this.flush()
    await this.#journal?.close()
  }

  /** Returns the current counters. */
  stats(): ExecutorStats {
    return {
      queued: this.#queuedCount,
      inFlight: this.#inFlight,
      queuedBytes: this.#queuedBytes,
      written: this.#written,
      retried: this.#retried,
      failed: this.#failed,
      writeLatencyMs: this.#latency.summary(),
    }
  }

  /** Returns the latest writes given up on, oldest first, for inspection. */
  failures(): readonly WriteFailedError[] {
    return [...this.#failures]
  }

  /** Reads the journal and queues its unsettled writes ahead of any new write. */
  async #recover(journal: OutboxJournal, client: MemoryClient): Promise<number> {
    let writes: Awaited<ReturnType<OutboxJournal['open']>>
    try {
      writes = await journal.open()
    } catch (cause) {
      throw new AgentCoreSessionError(
        'OUTBOX_FAILED',
        'Opening the outbox journal failed. Check that outboxDir is a writable directory.',
        { cause },
      )
    }
    for (const { record, bytes } of writes) {
      const task = new ReplayTask(record, bytes, client, () => {})
      for (const event of record.events) {
        this.#replayFloors.set(record.key, Math.max(this.#replayFloors.get(record.key) ?? 0, event.timestampMs))
      }
      this.#queuedBytes += bytes
      this.#journaled.set(task, record.seq)
      this.#enqueue(task)
    }
    if (writes.length > 0) {
      this.#logger.info({ writes: writes.length }, 'Resending writes found in the outbox journal')
    }
    return writes.length
  }

  #assertOpen(): void {
    if (this.#closed) {
      throw new AgentCoreSessionError('EXECUTOR_CLOSED', 'The executor is closed. Build a new executor for new writes.')
    }
  }

  /** Reserves `bytes` of queue memory, waiting in line while the bound is reached. */
  async #admit(bytes: number): Promise<void> {
    if (
      this.#queuedBytes === 0 ||
      (this.#admission.length === 0 && this.#queuedBytes + bytes <= this.#maxQueuedBytes)
    ) {
      this.#queuedBytes += bytes
      return
    }
    this.#logger.debug({ queuedBytes: this.#queuedBytes, bytes }, 'Write waits for queue memory')
    await new Promise<void>((resolve) => this.#admission.push({ bytes, resolve }))
  }

  #release(bytes: number): void {
    this.#queuedBytes -= bytes
    while (this.#admission.length > 0) {
      const next = this.#admission[0]!
      if (this.#queuedBytes > 0 && this.#queuedBytes + next.bytes > this.#maxQueuedBytes) {
        return
      }
      this.#admission.shift()
      // The bytes are reserved here, so the check for the next waiter in line counts them.
      this.#queuedBytes += next.bytes
      next.resolve()
    }
  }

  #queue(key: string): Queue {
    let queue = this.#queues.get(key)
    if (queue === undefined) {
      queue = { tasks: [], running: false, submitted: 0, settled: 0, waiters: [], unreported: [] }
      this.#queues.set(key, queue)
    }
    return queue
  }

  #schedule(key: string, queue: Queue): void {
    if (!queue.running && !this.#ready.includes(key)) {
      this.#ready.push(key)
    }
    this.#pump()
  }

  #pump(): void {
    while (this.#active < this.#maxConcurrent && this.#ready.length > 0) {
      const key = this.#ready.shift()!
      const queue = this.#queues.get(key)
      if (queue === undefined || queue.running || queue.tasks.length === 0) {
        continue
      }
      queue.running = true
      this.#active += 1
      void this.#runBatch(key, queue)
    }
  }

  async #runBatch(key: string, queue: Queue): Promise<void> {
    const group = this.#takeGroup(queue)
    this.#queuedCount -= group.entries.length
    this.#inFlight += group.entries.length
    const outcome = await runWithRetry(group.task, this.#policy, (error) => {
      this.#logger.warn(
        { queueKey: key, operation: group.task.operation, error: errorName(error) },
        'Retrying a memory write',
      )
    })
    this.#inFlight -= group.entries.length
    this.#retried += outcome.retries
    const bytes = group.entries.reduce((sum, entry) => sum + entry.task.sizeBytes, 0)
    for (const entry of group.entries) {
      // A failed write is reported to onError and flush(), so its journal line is dropped as well.
      const seq = this.#journaled.get(entry.task)
      if (seq !== undefined) {
        this.#journaled.delete(entry.task)
        this.#journal?.markDone(seq)
      }
    }
    if (outcome.error === undefined) {
      this.#written += group.entries.length
      const now = performance.now()
      for (const entry of group.entries) {
        this.#latency.record(now - entry.acceptedAt)
      }
      this.#settle(group.task)
    } else {
      this.#recordFailure(queue, outcome.error, group.entries.length)
      this.#settle(group.task, outcome.error)
    }
    queue.settled += group.entries.length
    this.#release(bytes)
    this.#resolveWaiters(queue)
    queue.running = false
    this.#active -= 1
    if (queue.tasks.length > 0) {
      // Round robin: the queue goes to the back so other sessions get a turn.
      this.#ready.push(key)
    } else {
      this.#dropIfIdle(key, queue)
    }
    this.#pump()
  }

  #takeGroup(queue: Queue): { task: WriteTask; entries: QueuedTask[] } {
    const first = queue.tasks.shift()!
    const entries = [first]
    let task = first.task
    while (entries.length < this.#maxGroupSize && queue.tasks.length > 0) {
      const merged = task.mergeWith?.(queue.tasks[0]!.task)
      if (merged === undefined) {
        break
      }
      task = merged
      entries.push(queue.tasks.shift()!)
    }
    return { task, entries }
  }

  /** Settles a task; a throwing `settle` is logged so the queue keeps running. */
  #settle(task: WriteTask, error?: WriteFailedError): void {
    try {
      task.settle(error)
    } catch (settleError) {
      this.#logger.error({ queueKey: task.queueKey, error: errorName(settleError) }, 'A write task threw from settle')
    }
  }

  #recordFailure(queue: Queue, error: WriteFailedError, taskCount: number): void {
    this.#failed += taskCount
    queue.unreported.push(error)
    this.#failures.push(error)
    if (this.#failures.length > this.#maxRetainedFailures) {
      this.#failures.shift()
    }
    this.#logger.error(
      { operation: error.operation, messageIds: error.messageIds, attempts: error.attempts, code: error.code },
      'Memory write failed',
    )
    try {
      this.#onError?.(error)
    } catch (hookError) {
      this.#logger.error({ error: errorName(hookError) }, 'The onError hook threw')
    }
  }

  #waitFor(key: string): Promise<void> {
    const queue = this.#queues.get(key)
    if (queue === undefined || queue.settled >= queue.submitted) {
      return Promise.resolve()
    }
    return new Promise((resolve) => queue.waiters.push({ target: queue.submitted, resolve }))
  }

  #resolveWaiters(queue: Queue): void {
    queue.waiters = queue.waiters.filter((waiter) => {
      if (queue.settled >= waiter.target) {
        waiter.resolve()
        return false
      }
      return true
    })
  }

  #dropIfIdle(key: string, queue: Queue): void {
    if (!queue.running && queue.tasks.length === 0 && queue.waiters.length === 0 && queue.unreported.length === 0) {
      this.#queues.delete(key)
    }
  }
}

function positiveInteger(value: number | undefined, fallback: number, option: string): number {
  if (value === undefined) {
    return fallback
  }
  if (!Number.isInteger(value) || value < 1) {
    throw new InvalidOptionError(option, `Invalid ${option} ${String(value)}: expected a positive integer.`)
  }
  return value
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error
}
