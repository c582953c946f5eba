import { describe, expect, it } from 'vitest'
import { rotate } from './rotate'

describe('rotate', () => {
  it('keeps the order in round 0', () => {
    expect(rotate(['a', 'b', 'c'], 0)).toEqual(['a', 'b', 'c'])
  })

  it('moves the first item to the end each round', () => {
    expect(rotate(['a', 'b', 'c'], 1)).toEqual(['b', 'c', 'a'])
    expect(rotate(['a', 'b', 'c'], 2)).toEqual(['c', 'a', 'b'])
  })

  it('wraps rounds beyond the length', () => {
    expect(rotate(['a', 'b', 'c'], 4)).toEqual(['b', 'c', 'a'])
  })

  it('returns an empty list unchanged', () => {
    expect(rotate([], 3)).toEqual([])
  })
})
