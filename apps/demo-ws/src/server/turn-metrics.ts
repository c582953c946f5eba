import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { MemoryMode, TurnMetrics } from '../protocol/messages'

const nanosPerMilli = 1e6

/**
 * Measures one turn: time to first token, turn time, and the event loop's delay while the turn runs. The delay
 * is sampled process-wide, so concurrent turns see each other's load; that is the delay the user experiences.
 */
export class TurnMeter {
  readonly #startedAt = performance.now()
  readonly #histogram: ReturnType<typeof monitorEventLoopDelay>
  #firstTokenAt: number | undefined

  constructor() {
    this.#histogram = monitorEventLoopDelay({ resolution: 10 })
    this.#histogram.enable()
  }

  /** Records that a token was sent; only the first call counts. */
  markToken(): void {
    this.#firstTokenAt ??= performance.now()
  }

  /** Stops sampling and returns the turn's metrics. */
  finish(mode: MemoryMode, pendingWrites: number): TurnMetrics {
    this.#histogram.disable()
    const now = performance.now()
    // A histogram without samples reports its maximum as 0 and its percentiles as NaN.
    const p99 = this.#histogram.percentile(99)
    return {
      timeToFirstTokenMs: this.#firstTokenAt === undefined ? null : round(this.#firstTokenAt - this.#startedAt),
      turnMs: round(now - this.#startedAt),
      eventLoopDelay: {
        maxMs: round(this.#histogram.max / nanosPerMilli),
        p99Ms: Number.isFinite(p99) ? round(p99 / nanosPerMilli) : 0,
      },
      pendingWrites,
      mode,
    }
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}
