import { describe, expect, it } from 'vitest'
import { formatJson } from './format-json'

describe('formatJson', () => {
  it('puts a short array of numbers on one line', () => {
    expect(formatJson({ thinkMs: [200, 800] })).toBe('{\n  "thinkMs": [200, 800]\n}\n')
  })

  it('keeps arrays of objects expanded', () => {
    expect(formatJson({ a: [{ b: 1 }] })).toBe('{\n  "a": [\n    {\n      "b": 1\n    }\n  ]\n}\n')
  })

  it('collapses strings with escapes', () => {
    expect(formatJson(['a"b', 'c'])).toBe('["a\\"b", "c"]\n')
  })

  it('leaves an array expanded when one line would exceed 120 columns', () => {
    const long = Array.from({ length: 40 }, (_, index) => index * 1000)
    expect(formatJson({ long }).split('\n').length).toBeGreaterThan(40)
  })

  it('prints empty arrays as JSON does', () => {
    expect(formatJson({ a: [] })).toBe('{\n  "a": []\n}\n')
  })
})
