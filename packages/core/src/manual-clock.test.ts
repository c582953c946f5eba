import { describe, expect, it } from 'vitest'
import { ManualClock } from './manual-clock'

describe('ManualClock', () => {
  it('starts at the given time', () => {
    expect(new ManualClock(42).now()).toBe(42)
  })

  it('advances by the given step', () => {
    const clock = new ManualClock(10)
    clock.advance(5)
    expect(clock.now()).toBe(15)
  })

  it('rejects a negative step', () => {
    expect(() => new ManualClock().advance(-1)).toThrow(/Invalid clock step -1/)
  })
})
