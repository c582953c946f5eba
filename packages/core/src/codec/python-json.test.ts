import { describe, expect, it } from 'vitest'
import { pythonJsonDumps } from './python-json'

// Expected strings are the output of Python 3's json.dumps with default arguments for the same values.
describe('pythonJsonDumps', () => {
  it('uses Python separators', () => {
    expect(pythonJsonDumps({ a: [1, 2], b: {}, c: [], n: null, t: true, f: false })).toBe(
      '{"a": [1, 2], "b": {}, "c": [], "n": null, "t": true, "f": false}',
    )
  })

  it('escapes non-ASCII like ensure_ascii', () => {
    expect(pythonJsonDumps('é\u007f\u0001\n😀"\\/')).toBe('"\\u00e9\\u007f\\u0001\\n\\ud83d\\ude00\\"\\\\/"')
  })

  it('writes floats as Python repr', () => {
    expect(pythonJsonDumps([0.5, 1e-5, 0.0001, 1.5e-7, 123456.789, 1e16, 1e21, 1e300, 5e-324])).toBe(
      '[0.5, 1e-05, 0.0001, 1.5e-07, 123456.789, 1e+16, 1e+21, 1e+300, 5e-324]',
    )
  })

  it('writes integral numbers as ints', () => {
    expect(pythonJsonDumps([1, -3, 2 ** 53, 0])).toBe('[1, -3, 9007199254740992, 0]')
  })

  it('keeps key order', () => {
    expect(pythonJsonDumps({ z: 1, a: 2 })).toBe('{"z": 1, "a": 2}')
  })
})
