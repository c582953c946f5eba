import { AgentCoreSessionError } from '../errors/agentcore-session-error'
import { LatencyStats } from '../internal/latency-stats'
import { type Logger, silentLogger } from '../observability/logger'
import type { Executor, ExecutorStats, WriteTask } from './executor'
import { type RetryPolicy, runWithRetry } from './run-with-retry'

/** Options of {@link InlineExecutor}. */
export interface InlineExecutorOptions {
  /** Maximum HTTP attempts per write, counting the AWS SDK's own. Default 3. */
  maxAttempts?: number
  /** Time after the first attempt during which retries may start, in milliseconds. Default 10 000. */
  retryBudgetMs?: number
  /** Backoff base for 5xx, network and conflict errors, in milliseconds. Default 50. */
  retryBaseDelayMs?: number
  /** Backoff base for throttling, in milliseconds. Default 500. */
  throttlingBaseDelayMs?: number
  /** Upper bound of one backoff delay, in milliseconds. Default 5 000. */
  maxRetryDelayMs?: number
  /** Pino-compatible logger for retries and failures. Default: silent. */
  logger?: Logger
}

/**
 * Runs each write while the caller waits: `submit` resolves once the write is
 * durable and rejects with its `WriteFailedError`. Writes of one session still
 * run one at a time in submission order, also when the caller does not await
 * them. Use it when a message must be stored before the model is called.
 */
export class InlineExecutor implements Executor {
  readonly #policy: RetryPolicy
  readonly #tails = new Map<string, Promise<void>>()
  readonly #latency = new LatencyStats()
  readonly #logger: Logger
  #closed = false
  #queued = 0
  #inFlight = 0
  #written = 0
  #retried = 0
  #failed = 0

  constructor(options: InlineExecutorOptions = {}) {
    this.#policy = {
      maxAttempts: options.maxAttempts ?? 3,
      budgetMs: options.retryBudgetMs ?? 10_000,
      baseDelayMs: options.retryBaseDelayMs ?? 50,
      throttlingBaseDelayMs: options.throttlingBaseDelayMs ?? 500,
      maxDelayMs: options.maxRetryDelayMs ?? 5_000,
      random: Math.random,
    }
    this.#logger = options.logger ?? silentLogger
  }

  /** Runs the write and resolves once it is durable; rejects with the failure. */
  submit(task: WriteTask): Promise<void> {
    if (this.#closed) {
      return Promise.reject(
        new AgentCoreSessionError('EXECUTOR_CLOSED', 'The executor is closed. Build a new executor for new writes.'),
      )
    }
    const acceptedAt = performance.now()
    const previous = this.#tails.get(task.queueKey) ?? Promise.resolve()
    this.#queued += 1
    const run = previous.then(async () => {
      this.#queued -= 1
      this.#inFlight += 1
      const outcome = await runWithRetry(task, this.#policy, (error) => {
        this.#logger.warn(
          {
            queueKey: task.queueKey,
            operation: task.operation,
            error: error instanceof Error ? error.name : 'unknown',
          },
          'Retrying a memory write',
        )
      })
      this.#inFlight -= 1
      this.#retried += outcome.retries
      if (outcome.error !== undefined) {
        this.#failed += 1
        this.#logger.warn(
          { queueKey: task.queueKey, operation: task.operation, messageIds: task.messageIds, code: outcome.error.code },
          'Memory write failed; the error goes to the caller',
        )
        task.settle(outcome.error)
        throw outcome.error
      }
      this.#written += 1
      this.#latency.record(performance.now() - acceptedAt)
      task.settle()
    })
    const tail = run.catch(() => {})
    this.#tails.set(task.queueKey, tail)
    void tail.then(() => {
      if (this.#tails.get(task.queueKey) === tail) {
        this.#tails.delete(task.queueKey)
      }
    })
    return run
  }

  /** Waits for writes still running; their errors already reached their callers. */
  async flush(queueKey?: string): Promise<void> {
    if (queueKey !== undefined) {
      await this.#tails.get(queueKey)
      return
    }
    await Promise.all(this.#tails.values())
  }

  /** Waits for running writes, then rejects new ones. */
  async close(): Promise<void> {
    this.#closed = true
    await this.flush()
  }

  /** Returns the current counters. */
  stats(): ExecutorStats {
    return {
      queued: this.#queued,
      inFlight: this.#inFlight,
      queuedBytes: 0,
      written: this.#written,
      retried: this.#retried,
      failed: this.#failed,
      writeLatencyMs: this.#latency.summary(),
    }
  }
}
