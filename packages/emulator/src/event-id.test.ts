import { describe, expect, it } from 'vitest'
import { formatEventId } from './event-id'

describe('formatEventId', () => {
  it('pads milliseconds to 19 digits', () => {
    expect(formatEventId(1772375782346, 'c5e4dee5')).toBe('0000001772375782346#c5e4dee5')
  })

  it('sorts ids chronologically as strings', () => {
    const ids = [formatEventId(20), formatEventId(3), formatEventId(100)].sort()
    expect(ids.map((id) => Number(id.split('#')[0]))).toEqual([3, 20, 100])
  })

  it('rejects negative timestamps', () => {
    expect(() => formatEventId(-1)).toThrow(/Invalid event timestamp -1/)
  })
})
