import { describe, expect, it } from 'vitest'
import { combineWindows } from './event-loop-delay'

describe('combineWindows', () => {
  it('averages p50 and p99 and keeps the largest max', () => {
    const combined = combineWindows([
      { p50: 1, p99: 4, max: 9 },
      { p50: 3, p99: 2, max: 20 },
      { p50: 2, p99: 6, max: 8 },
    ])
    expect(combined).toEqual({ p50: 2, p99: 4, max: 20 })
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
