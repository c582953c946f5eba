/**
 * Computes the delay before retry number `retry` (0-based) with exponential
 * backoff and full jitter: a random value in [0, min(baseMs * 2^retry, capMs)].
 */
export function backoffDelayMs(retry: number, baseMs: number, capMs: number, random: () => number): number {
  return Math.floor(random() * Math.min(baseMs * 2 ** retry, capMs))
}

/** Waits `ms` milliseconds without keeping the process alive. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    timer.unref?.()
  })
}
