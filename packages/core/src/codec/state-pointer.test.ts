import { describe, expect, it } from 'vitest'
import { identifierPatterns } from '../session/identifiers'
import { NO_STATE_POINTER, parseStatePointer, toStatePointer } from './state-pointer'

describe('state pointer', () => {
  it('stores an event id in the metadata character set', () => {
    const value = toStatePointer('0000001772375782346#c5e4dee5')
    expect(value).toBe('0000001772375782346.c5e4dee5')
    expect(identifierPatterns.metadataText.test(value!)).toBe(true)
  })

  it('round-trips an event id', () => {
    expect(parseStatePointer(toStatePointer('0000001772375782346#c5e4dee5'))).toBe('0000001772375782346#c5e4dee5')
  })

  it('reads none as no state', () => {
    expect(parseStatePointer(NO_STATE_POINTER)).toBeNull()
  })

  it.each([undefined, '', 'abc', '0000001772375782346#c5e4dee5', '12.xyz'])('ignores the value %s', (value) => {
    expect(parseStatePointer(value)).toBeUndefined()
  })

  it('leaves out ids outside the service pattern', () => {
    expect(toStatePointer('3f2c9a4e-0b1d-4c8e-9f7a-2d6b5e8c1a0f')).toBeUndefined()
  })
})
