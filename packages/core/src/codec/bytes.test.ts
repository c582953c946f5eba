import { describe, expect, it } from 'vitest'
import {
  decodeBase64,
  encodeBase64,
  isStandardBase64,
  restoreBase64Bytes,
  restorePythonBytes,
  toBase64Json,
  toPythonBytesJson,
} from './bytes'

describe('base64 helpers', () => {
  it('round-trips all byte values', () => {
    const bytes = new Uint8Array(256).map((_, index) => index)
    expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes)
  })

  it('encodes a view of a larger buffer', () => {
    const view = new Uint8Array([9, 1, 2, 3, 9]).subarray(1, 4)
    expect(encodeBase64(view)).toBe('AQID')
  })

  it('rejects text that is not base64', () => {
    expect(decodeBase64('AQI')).toBeUndefined()
    expect(decodeBase64('AQ D')).toBeUndefined()
    expect(decodeBase64('AQ-_')).toBeUndefined()
  })

  it('returns a plain Uint8Array', () => {
    expect(Object.getPrototypeOf(decodeBase64('AQID'))).toBe(Uint8Array.prototype)
  })
})

describe('JSON copies', () => {
  it('keeps a __proto__ key', () => {
    const value = JSON.parse('{"__proto__": {"x": 1}, "a": 1}')
    for (const copy of [
      toBase64Json(value),
      toPythonBytesJson(value),
      restoreBase64Bytes(value),
      restorePythonBytes(value),
    ]) {
      expect(Object.keys(copy as object)).toEqual(['__proto__', 'a'])
      expect(Object.getPrototypeOf(copy)).toBe(Object.prototype)
    }
  })

  it('leaves out undefined properties', () => {
    expect(toBase64Json({ a: undefined, b: [undefined] })).toEqual({ b: [null] })
  })

  it('marks bytes for Python anywhere', () => {
    expect(toPythonBytesJson({ deep: [new Uint8Array([1])] })).toEqual({
      deep: [{ __bytes_encoded__: true, data: 'AQ==' }],
    })
  })

  it('restores Python markers anywhere', () => {
    expect(restorePythonBytes({ deep: [{ __bytes_encoded__: true, data: 'AQ==' }] })).toEqual({
      deep: [new Uint8Array([1])],
    })
  })

  it('leaves base64 outside byte fields alone', () => {
    expect(restoreBase64Bytes({ text: 'AQID', source: { bytes: 'AQID' } })).toEqual({
      text: 'AQID',
      source: { bytes: new Uint8Array([1, 2, 3]) },
    })
  })
})

describe('isStandardBase64', () => {
  it('accepts padded and unpadded-length groups', () => {
    expect(isStandardBase64('')).toBe(true)
    expect(isStandardBase64('QQ==')).toBe(true)
    expect(isStandardBase64('QUI=')).toBe(true)
    expect(isStandardBase64('QUJD')).toBe(true)
  })

  it('rejects bad lengths, characters and padding', () => {
    expect(isStandardBase64('QUJ')).toBe(false)
    expect(isStandardBase64('QU-D')).toBe(false)
    expect(isStandardBase64('Q===')).toBe(false)
    expect(isStandardBase64('Q=JD')).toBe(false)
  })

  it('rejects one bad character in a long string', () => {
    const valid = Buffer.alloc(3 * 1024, 9).toString('base64')
    for (const character of ['*', ' ', '-', '_', '=', '\u00e9']) {
      const invalid = `${valid.slice(0, 2000)}${character}${valid.slice(2001)}`
      expect(isStandardBase64(invalid)).toBe(false)
      expect(decodeBase64(invalid)).toBeUndefined()
    }
  })

  it('accepts non-canonical padding bits', () => {
    expect(decodeBase64('QR==')).toEqual(new Uint8Array([65]))
  })

  it('checks multi-megabyte strings without overflowing the stack', () => {
    const image = Buffer.alloc(6 * 1024 * 1024, 7).toString('base64')
    expect(isStandardBase64(image)).toBe(true)
    expect(decodeBase64(image)?.byteLength).toBe(6 * 1024 * 1024)
  })
})
