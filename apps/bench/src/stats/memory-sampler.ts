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
