/** Summary of a sample of durations or sizes. */
export interface Distribution {
  count: number
  min: number
  p50: number
  p90: number
  p99: number
  max: number
  mean: number
}

/**
 * Returns the value at quantile `q` (0..1) of an ascending-sorted sample, by
 * the nearest-rank method, so every reported value is one that was measured.
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  if (q <= 0) return sorted[0] as number
  const rank = Math.ceil(q * sorted.length)
  return sorted[Math.min(rank, sorted.length) - 1] as number
}

/** Summarises a sample; an empty sample gives `NaN` everywhere but `count`. */
export function summarize(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b)
  const total = sorted.reduce((sum, value) => sum + value, 0)
  return {
    count: sorted.length,
    min: quantile(sorted, 0),
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    p99: quantile(sorted, 0.99),
    max: quantile(sorted, 1),
    mean: sorted.length === 0 ? Number.NaN : total / sorted.length,
  }
}
