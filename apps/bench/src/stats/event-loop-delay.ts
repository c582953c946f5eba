import { monitorEventLoopDelay } from 'node:perf_hooks'

/** Event-loop delay over one or more measured windows, in milliseconds. */
export interface EventLoopDelay {
  p50: number
  p99: number
  max: number
}

// 1 ms is the finest resolution that `monitorEventLoopDelay` samples reliably. It reports in nanoseconds.
const resolutionMs = 1
const toMs = (nanoseconds: number) => nanoseconds / 1e6

function summarizeHistogram(histogram: ReturnType<typeof monitorEventLoopDelay>): EventLoopDelay {
  if (histogram.count === 0) return { p50: Number.NaN, p99: Number.NaN, max: Number.NaN }
  return { p50: toMs(histogram.percentile(50)), p99: toMs(histogram.percentile(99)), max: toMs(histogram.max) }
}

/**
 * Starts sampling the event loop's delay and returns a function that stops
 * sampling and reports the window.
 */
export function startEventLoopMonitor(): () => EventLoopDelay {
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs })
  histogram.enable()
  return () => {
    histogram.disable()
    return summarizeHistogram(histogram)
  }
}

/**
 * Collects the event-loop delay of several separate windows, one fresh monitor per window. A monitor that is
 * disabled and enabled again counts the whole pause as one delay, so windows never share a monitor.
 */
export class EventLoopDelayRecorder {
  readonly #windows: EventLoopDelay[] = []

  /** Starts a window and returns the function that ends it. */
  start(): () => void {
    const stop = startEventLoopMonitor()
    return () => {
      this.#windows.push(stop())
    }
  }

  /** Returns each window's figures, in the order they were recorded. */
  windows(): EventLoopDelay[] {
    return [...this.#windows]
  }

  /** Returns {@link combineWindows} over every window so far. */
  summary(): EventLoopDelay {
    return combineWindows(this.#windows)
  }
}

/**
 * Combines windows: the mean of their p50s and of their p99s, and the largest max. Exact pooled percentiles
 * would need the raw samples, which the monitor does not expose.
 */
export function combineWindows(windows: readonly EventLoopDelay[]): EventLoopDelay {
  const finite = windows.filter((window) => Number.isFinite(window.p99))
  if (finite.length === 0) return { p50: Number.NaN, p99: Number.NaN, max: Number.NaN }
  const mean = (values: number[]) => values.reduce((total, value) => total + value, 0) / values.length
  return {
    p50: mean(finite.map((window) => window.p50)),
    p99: mean(finite.map((window) => window.p99)),
    max: Math.max(...finite.map((window) => window.max)),
  }
}
