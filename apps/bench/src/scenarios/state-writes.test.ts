import { describe, expect, it } from 'vitest'
import { writesOutside } from './state-writes'

describe('writesOutside', () => {
  it('ignores the write of the changed turn', () => {
    expect(writesOutside([0, 0, 1, 1], 2)).toBe(0)
  })

  it('counts a write in an unchanged turn', () => {
    expect(writesOutside([1, 1, 2, 3], 2)).toBe(2)
  })

  it('counts nothing for an empty list', () => {
    expect(writesOutside([], 0)).toBe(0)
  })
})
