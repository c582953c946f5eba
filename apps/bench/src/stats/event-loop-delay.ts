import { monitorEventLoopDelay } from 'node:perf_hooks'

/** Event-loop delay over one measured window, in milliseconds. */
export interface EventLoopDelay {
  p50: number
  p99: number
  max: number
}

/**
 * Starts sampling the event loop's delay and returns a function that stops
 * sampling and reports the window. The resolution is 1 ms, the finest that
 * `monitorEventLoopDelay` samples reliably; it reports in nanoseconds.
 */
export function startEventLoopMonitor(): () => EventLoopDelay {
  const histogram = monitorEventLoopDelay({ resolution: 1 })
  histogram.enable()
  return () => {
    histogram.disable()
    const toMs = (nanoseconds: number) => nanoseconds / 1e6
    return {
      p50: toMs(histogram.percentile(50)),
      p99: toMs(histogram.percentile(99)),
      max: toMs(histogram.max),
    }
  }
}
