/**
 * Sliding-window limit on events per connection: at most `limit` events in any `windowMs` span. Memory is
 * bounded by `limit` timestamps.
 */
export class SlidingWindowLimiter {
  readonly #limit: number
  readonly #windowMs: number
  readonly #now: () => number
  readonly #times: number[] = []

  constructor(limit: number, windowMs: number, now: () => number = () => performance.now()) {
    this.#limit = limit
    this.#windowMs = windowMs
    this.#now = now
  }

  /** Records one event and returns true, or returns false without recording when the window is full. */
  tryAcquire(): boolean {
    const now = this.#now()
    while (this.#times.length > 0 && (this.#times[0] ?? 0) <= now - this.#windowMs) this.#times.shift()
    if (this.#times.length >= this.#limit) return false
    this.#times.push(now)
    return true
  }
}
