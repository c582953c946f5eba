/** Source of the current time in epoch milliseconds. */
export type Clock = () => number

/**
 * A clock that moves only when `advance()` is called, for deterministic
 * tests of timestamp ordering.
 */
export class ManualClock {
  #now: number

  constructor(startMs = 0) {
    this.#now = startMs
  }

  /** Returns the current time in epoch milliseconds. */
  readonly now: Clock = () => this.#now

  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`Invalid clock step ${ms}: expected a non-negative number of milliseconds.`)
    }
    this.#now += ms
  }
}
