import { describe, expect, it } from 'vitest'
import { quantile, summarize } from './percentiles'

describe('quantile', () => {
  it('uses the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, index) => index + 1)
    expect(quantile(sorted, 0.5)).toBe(50)
    expect(quantile(sorted, 0.99)).toBe(99)
    expect(quantile(sorted, 1)).toBe(100)
  })

  it('returns the only value of a one-element sample', () => {
    expect(quantile([7], 0.99)).toBe(7)
  })
})

describe('summarize', () => {
  it('sorts before ranking', () => {
    const summary = summarize([5, 1, 4, 2, 3])
    expect(summary.min).toBe(1)
    expect(summary.p50).toBe(3)
    expect(summary.max).toBe(5)
    expect(summary.mean).toBe(3)
  })

  it('reports an empty sample as NaN', () => {
    const summary = summarize([])
    expect(summary.count).toBe(0)
    expect(summary.p99).toBeNaN()
  })
})
