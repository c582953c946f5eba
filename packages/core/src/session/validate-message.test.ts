import { describe, expect, it } from 'vitest'
import { validateMessage } from './validate-message'

function failure(message: unknown): string | undefined {
  try {
    validateMessage(message, 'm1')
    return undefined
  } catch (error) {
    expect(error).toMatchObject({ code: 'INVALID_MESSAGE' })
    return (error as Error).message
  }
}

describe('validateMessage', () => {
  it('accepts a text message with bytes', () => {
    const image = { image: { format: 'png', source: { bytes: new Uint8Array([1, 2]) } } }
    expect(failure({ role: 'user', content: [{ text: 'hi' }, image] })).toBeUndefined()
  })

  it.each([
    [null, 'the message must be an object'],
    [{ role: 'system', content: [] }, "role must be 'user' or 'assistant'"],
    [{ role: 'user', content: 'hi' }, 'content must be an array'],
    [{ role: 'user', content: [null] }, 'content[0] must be an object'],
    [{ role: 'user', content: [{ text: 42 }] }, 'content[0].text must be a string'],
  ])('rejects %j', (message, expected) => {
    expect(failure(message)).toContain(expected)
  })

  it('rejects a bigint in a tool input', () => {
    const message = { role: 'assistant', content: [{ toolUse: { name: 't', toolUseId: 'u', input: { n: 10n } } }] }
    expect(failure(message)).toContain('content[0].toolUse.input.n must be a JSON value')
  })

  it.each([
    [{ n: Number.NaN }, 'content[0].toolUse.input.n must be a finite number'],
    [{ d: new Date(0) }, 'content[0].toolUse.input.d must be a plain object'],
    [{ m: new Map() }, 'content[0].toolUse.input.m must be a plain object'],
  ])('rejects %o in a tool input', (input, expected) => {
    const message = { role: 'assistant', content: [{ toolUse: { name: 't', toolUseId: 'u', input } }] }
    expect(failure(message)).toContain(expected)
  })

  it('rejects a circular tool input', () => {
    const input: Record<string, unknown> = {}
    input.self = input
    const message = { role: 'assistant', content: [{ toolUse: { name: 't', toolUseId: 'u', input } }] }
    expect(failure(message)).toContain('must be free of circular references')
  })

  it('accepts the same object twice without a cycle', () => {
    const shared = { a: 1 }
    const message = {
      role: 'assistant',
      content: [{ toolUse: { name: 't', toolUseId: 'u', input: { x: shared, y: shared } } }],
    }
    expect(failure(message)).toBeUndefined()
  })
})
