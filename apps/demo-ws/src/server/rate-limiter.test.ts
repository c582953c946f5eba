import { describe, expect, it } from 'vitest'
import { SlidingWindowLimiter } from './rate-limiter'

describe('SlidingWindowLimiter', () => {
  it('rejects events over the limit until the window slides', () => {
    let now = 0
    const limiter = new SlidingWindowLimiter(2, 1_000, () => now)

    expect(limiter.tryAcquire()).toBe(true)
    now = 500
    expect(limiter.tryAcquire()).toBe(true)
    expect(limiter.tryAcquire()).toBe(false)
    now = 1_000
    expect(limiter.tryAcquire()).toBe(true)
    expect(limiter.tryAcquire()).toBe(false)
    now = 1_500
    expect(limiter.tryAcquire()).toBe(true)
  })
})
