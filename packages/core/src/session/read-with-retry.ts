import { backoffDelayMs, sleep } from '../internal/backoff'
import { classifyError, sdkAttempts } from '../internal/retryable-error'

/** Maximum HTTP attempts of one read, counting those the AWS SDK made itself. */
const maxReadAttempts = 4

/**
 * Runs a read call, retrying throttling, 5xx and network errors with
 * exponential backoff and jitter. The last error is thrown; a read never
 * turns into an empty result.
 */
export async function readWithRetry<T>(call: () => Promise<T>, onRetry?: (error: unknown) => void): Promise<T> {
  let attempts = 0
  let retries = 0
  for (;;) {
    try {
      return await call()
    } catch (error) {
      attempts += sdkAttempts(error)
      const kind = classifyError(error)
      if (kind === 'none' || attempts >= maxReadAttempts) {
        throw error
      }
      onRetry?.(error)
      await sleep(backoffDelayMs(retries, kind === 'throttling' ? 200 : 50, 2_000, Math.random))
      retries += 1
    }
  }
}
