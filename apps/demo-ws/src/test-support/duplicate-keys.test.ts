import { describe, expect, it } from 'vitest'
import { findDuplicateKeys } from './duplicate-keys'

describe('findDuplicateKeys', () => {
  it('returns nothing for distinct keys', () => {
    expect(findDuplicateKeys('{"a":1,"b":{"a":[1,{"a":"x\\"y"}]},"c":null}')).toEqual([])
  })

  it('finds a repeated top-level key', () => {
    expect(findDuplicateKeys('{"sessionId":"s","level":30,"sessionId":"s"}')).toEqual(['sessionId'])
  })

  it('finds a repeated nested key', () => {
    expect(findDuplicateKeys('{"err":{"code":1,"code":2}}')).toEqual(['err.code'])
  })

  it('rejects invalid JSON', () => {
    expect(() => findDuplicateKeys('{"a":1,}')).toThrow(SyntaxError)
    expect(() => findDuplicateKeys('{"a":1} x')).toThrow(SyntaxError)
  })
})
