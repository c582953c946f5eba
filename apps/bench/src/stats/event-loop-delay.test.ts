import { describe, expect, it } from 'vitest'
import { combineWindows } from './event-loop-delay'

describe('combineWindows', () => {
  it('takes the median p50 and the largest p99 and max', () => {
    const combined = combineWindows([
      { p50: 1, p99: 4, max: 9 },
      { p50: 3, p99: 2, max: 20 },
      { p50: 2, p99: 6, max: 8 },
    ])
    expect(combined).toEqual({ p50: 2, p99: 6, max: 20 })
  })

  it('takes the lower middle p50 of an even count', () => {
    expect(
      combineWindows([
        { p50: 1, p99: 1, max: 1 },
        { p50: 5, p99: 1, max: 1 },
      ]).p50,
    ).toBe(1)
  })

  it('skips windows without samples', () => {
    const combined = combineWindows([
      { p50: Number.NaN, p99: Number.NaN, max: Number.NaN },
      { p50: 1, p99: 2, max: 3 },
    ])
    expect(combined).toEqual({ p50: 1, p99: 2, max: 3 })
  })

  it('returns NaN without windows', () => {
    expect(combineWindows([]).p99).toBeNaN()
  })
})
