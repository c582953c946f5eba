import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { MemoryMode, TurnMetrics } from '../protocol/messages'

const nanosPerMilli = 1e6
const resolutionMs = 10

/**
 * Measures one turn: time to first token, turn time, and the event loop's delay while the turn runs. The delay
 * is sampled process-wide, so concurrent turns see each other's load; that is the delay the user experiences.
 */
export class TurnMeter {
  readonly #startedAt = performance.now()
  readonly #histogram: ReturnType<typeof monitorEventLoopDelay>
  #firstTokenAt: number | undefined

  constructor() {
    this.#histogram = monitorEventLoopDelay({ resolution: resolutionMs })
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
    return {
      timeToFirstTokenMs: this.#firstTokenAt === undefined ? null : round(this.#firstTokenAt - this.#startedAt),
      turnMs: round(now - this.#startedAt),
      eventLoopDelay: {
        maxMs: this.#delayMs(this.#histogram.max),
        p99Ms: this.#delayMs(this.#histogram.percentile(99)),
      },
      pendingWrites,
      mode,
    }
  }

  /**
   * Converts a histogram value to the delay beyond the sampling interval. Node records the whole interval between
   * samples, so an idle loop reports about the resolution. A turn shorter than one interval has no samples, which
   * Node reports as a maximum of 0 and NaN percentiles; both become 0.
   */
  #delayMs(nanos: number): number {
    if (!Number.isFinite(nanos) || nanos === 0) return 0
    return round(Math.max(0, nanos / nanosPerMilli - resolutionMs))
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}
