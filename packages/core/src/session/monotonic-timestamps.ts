import type { Clock } from '../manual-clock'

/**
 * Hands out event timestamps in whole milliseconds that strictly increase
 * within a session: a reading at or before the previous one becomes the
 * previous one plus 1 ms. Seeding with the newest stored event keeps order
 * when processes take turns on a session, even with skewed clocks.
 */
export class MonotonicTimestamps {
  readonly #clock: Clock
  #last = Number.NEGATIVE_INFINITY

  constructor(clock: Clock) {
    this.#clock = clock
  }

  /** Raises the floor to a stored event's timestamp, in epoch milliseconds. */
  seed(timestampMs: number): void {
    const floored = Math.floor(timestampMs)
    if (floored > this.#last) {
      this.#last = floored
    }
  }

  /** Returns the next timestamp in epoch milliseconds. */
  next(): number {
    const now = Math.floor(this.#clock())
    this.#last = now > this.#last ? now : this.#last + 1
    return this.#last
  }
}
