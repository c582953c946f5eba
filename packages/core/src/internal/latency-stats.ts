/** Summary of write latencies in milliseconds. */
export interface LatencySummary {
  /** Number of samples recorded since the executor was built. */
  count: number
  /** Mean of the retained samples. */
  mean: number
  /** Median of the retained samples. */
  p50: number
  /** 95th percentile of the retained samples. */
  p95: number
  /** 99th percentile of the retained samples. */
  p99: number
  /** Largest retained sample. */
  max: number
}

/** Keeps the latest `capacity` samples in a ring buffer and summarizes them. */
export class LatencyStats {
  readonly #samples: number[] = []
  readonly #capacity: number
  #next = 0
  #count = 0

  constructor(capacity = 1024) {
    this.#capacity = capacity
  }

  record(ms: number): void {
    if (this.#samples.length < this.#capacity) {
      this.#samples.push(ms)
    } else {
      this.#samples[this.#next] = ms
    }
    this.#next = (this.#next + 1) % this.#capacity
    this.#count += 1
  }

  summary(): LatencySummary {
    const sorted = [...this.#samples].sort((a, b) => a - b)
    const pick = (quantile: number): number =>
      sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] ?? 0
    const mean = sorted.length === 0 ? 0 : sorted.reduce((sum, value) => sum + value, 0) / sorted.length
    return { count: this.#count, mean, p50: pick(0.5), p95: pick(0.95), p99: pick(0.99), max: sorted.at(-1) ?? 0 }
  }
}
