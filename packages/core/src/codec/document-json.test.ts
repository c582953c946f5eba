import { describe, expect, it } from 'vitest'
import { documentToJson } from './document-json'

describe('documentToJson', () => {
  it('turns nested bigints into numbers', () => {
    const document = { a: [1, { b: 9_007_199_254_740_993n }], c: -(2n ** 70n) }
    expect(documentToJson(document)).toEqual({ a: [1, { b: 9_007_199_254_740_992 }], c: -(2 ** 70) })
  })

  it('returns the same object without bigints', () => {
    const document = { a: [1, { b: 'x' }], c: null }
    expect(documentToJson(document)).toBe(document)
  })

  it('leaves the input unchanged', () => {
    const document = { a: [2n] }
    documentToJson(document)
    expect(document.a[0]).toBe(2n)
  })
})
