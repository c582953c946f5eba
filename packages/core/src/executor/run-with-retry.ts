import { AgentCoreSessionError } from '../errors/agentcore-session-error'
import { WriteFailedError } from '../errors/write-failed-error'
import { backoffDelayMs, sleep } from '../internal/backoff'
import { classifyError, sdkAttempts } from '../internal/retryable-error'
import type { WriteTask } from './executor'

/** Limits of the retry loop shared by the executors. */
export interface RetryPolicy {
  /** Maximum number of HTTP attempts, counting those the AWS SDK made itself. */
  maxAttempts: number
  /** Time after the first attempt during which retries may start, in milliseconds. */
  budgetMs: number
  /** Base of the exponential backoff for 5xx, network and conflict errors, in milliseconds. */
  baseDelayMs: number
  /** Base of the exponential backoff for throttling, in milliseconds. */
  throttlingBaseDelayMs: number
  /** Upper bound of one backoff delay, in milliseconds. */
  maxDelayMs: number
  /** Source of randomness for the jitter. */
  random: () => number
}

/** Result of {@link runWithRetry}. */
export interface RetryOutcome {
  /** The error when the task was given up on. */
  error?: WriteFailedError
  /** Number of retries made. */
  retries: number
}

/**
 * Calls `task.attempt()` until it succeeds, the error is not retryable, or
 * the attempt count or time budget runs out. Attempts that the AWS SDK made
 * on its own (reported in `$metadata.attempts`) count toward `maxAttempts`,
 * so a client with SDK retries turned on does not multiply the retries.
 */
export async function runWithRetry(task: WriteTask, policy: RetryPolicy, onRetry?: (error: unknown) => void) {
  const startedAt = Date.now()
  let attempts = 0
  let retries = 0
  for (;;) {
    try {
      await task.attempt()
      return { retries } satisfies RetryOutcome
    } catch (error) {
      attempts += sdkAttempts(error)
      const kind = classifyError(error)
      const baseMs = kind === 'throttling' ? policy.throttlingBaseDelayMs : policy.baseDelayMs
      const delay = backoffDelayMs(retries, baseMs, policy.maxDelayMs, policy.random)
      const elapsed = Date.now() - startedAt
      if (kind === 'none' || attempts >= policy.maxAttempts || elapsed + delay > policy.budgetMs) {
        return { retries, error: toWriteFailedError(task, error, attempts) } satisfies RetryOutcome
      }
      retries += 1
      onRetry?.(error)
      await sleep(delay)
    }
  }
}

function toWriteFailedError(task: WriteTask, error: unknown, attempts: number): WriteFailedError {
  if (error instanceof WriteFailedError) {
    return error
  }
  const name = describeFailure(error)
  return new WriteFailedError(
    `Writing ${task.operation === 'state' ? 'agent state' : `messages [${task.messageIds.join(', ')}]`} failed after ${attempts} attempt(s) with ${name}. Check the cause; retryable failures were retried with backoff.`,
    { cause: error, operation: task.operation, messageIds: task.messageIds, attempts },
  )
}

/**
 * Names a failure for an error message: the package's error code, the service's exception name, or, for a
 * plain network error, its system code such as `ECONNREFUSED`.
 */
function describeFailure(error: unknown): string {
  if (AgentCoreSessionError.isInstance(error)) {
    return error.code
  }
  if (!(error instanceof Error)) {
    return 'unknown error'
  }
  const code = (error as { code?: unknown }).code
  if (error.name === 'Error' && typeof code === 'string') {
    return code
  }
  return error.name
}
