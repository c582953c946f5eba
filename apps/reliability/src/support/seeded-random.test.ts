import { afterEach, describe, expect, it } from 'vitest'
import { seededRandom, seedFromEnvironment } from './seeded-random'

describe('seededRandom', () => {
  it('repeats a sequence for one seed', () => {
    const first = seededRandom(42)
    const second = seededRandom(42)
    const a = Array.from({ length: 5 }, () => first())
    const b = Array.from({ length: 5 }, () => second())
    expect(a).toEqual(b)
  })

  it('differs between seeds', () => {
    expect(seededRandom(1)()).not.toBe(seededRandom(2)())
  })

  it('stays within [0, 1)', () => {
    const random = seededRandom(7)
    for (let index = 0; index < 1_000; index += 1) {
      const value = random()
      expect(value).toBeGreaterThanOrEqual(0)
      expect(value).toBeLessThan(1)
    }
  })
})

describe('seedFromEnvironment', () => {
  afterEach(() => {
    delete process.env.TEST_SEED
  })

  it('reads an integer seed', () => {
    process.env.TEST_SEED = '1234'
    expect(seedFromEnvironment('TEST_SEED')).toBe(1234)
  })

  it('rejects a seed that is not an integer', () => {
    process.env.TEST_SEED = 'abc'
    expect(() => seedFromEnvironment('TEST_SEED')).toThrow(/Invalid TEST_SEED 'abc'/)
  })
})
