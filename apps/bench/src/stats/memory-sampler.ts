import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/** Peak process memory seen during a measured window, in bytes. */
export interface MemoryPeak {
  rss: number
  heapUsed: number
}

/**
 * Samples `process.memoryUsage()` every `intervalMs` and returns a function
 * that stops sampling and reports the peaks. Peaks between samples are missed,
 * so the figures are lower bounds.
 */
export function startMemorySampler(intervalMs = 20): () => MemoryPeak {
  const peak: MemoryPeak = { rss: 0, heapUsed: 0 }
  const sample = () => {
    const usage = process.memoryUsage()
    peak.rss = Math.max(peak.rss, usage.rss)
    peak.heapUsed = Math.max(peak.heapUsed, usage.heapUsed)
  }
  sample()
  const timer = setInterval(sample, intervalMs)
  timer.unref()
  return () => {
    clearInterval(timer)
    sample()
    return { ...peak }
  }
}

let collect: (() => void) | undefined

/**
 * Runs a full garbage collection, so that heap figures taken right after it count live objects only. Without
 * `--expose-gc` it turns the flag on at run time and takes `gc` from a fresh context, which V8 supports.
 */
export function collectGarbage(): void {
  if (collect === undefined) {
    const existing = (globalThis as { gc?: () => void }).gc
    if (existing !== undefined) collect = existing
    else {
      setFlagsFromString('--expose-gc')
      collect = runInNewContext('gc') as () => void
    }
  }
  collect()
  collect()
}
