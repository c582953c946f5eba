/**
 * Computes the delay before retry number `retry` (0-based) with exponential
 * backoff and full jitter: a random value in [0, min(baseMs * 2^retry, capMs)].
 */
export function backoffDelayMs(retry: number, baseMs: number, capMs: number, random: () => number): number {
  return Math.floor(random() * Math.min(baseMs * 2 ** retry, capMs))
}

/**
 * Waits `ms` milliseconds. The timer keeps the process alive on purpose: a write waiting out its
 * backoff is an accepted write, and a script that awaits `close()` must not exit before it is stored.
 */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms)
  })
}
