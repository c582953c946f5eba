import { describe, expect, it } from 'vitest'
import { atMost, formatTargets } from './target'

describe('atMost', () => {
  it('passes at the limit', () => {
    expect(atMost('TTFT overhead', 1, 1, 'ms').pass).toBe(true)
  })

  it('misses above the limit', () => {
    expect(atMost('TTFT overhead', 1.2, 1, 'ms').pass).toBe(false)
  })

  it('misses when nothing was measured', () => {
    const target = atMost('restore calls', Number.NaN, 1, 'calls')
    expect(target.pass).toBe(false)
    expect(target.measured).toBe('not measured')
  })
})

describe('formatTargets', () => {
  it('prints one line per target', () => {
    const text = formatTargets([atMost('a', 0.5, 1, 'ms'), atMost('b', 3, 2, 'ms')])
    expect(text).toBe('PASS  a: 0.50 ms (target ≤ 1 ms)\nMISS  b: 3.00 ms (target ≤ 2 ms)')
  })
})
