import { describe, expect, it } from 'vitest'
import { isOriginAllowed, parseAllowedOrigins } from './origin-policy'

describe('isOriginAllowed', () => {
  it('accepts the same origin by default', () => {
    expect(isOriginAllowed('http://127.0.0.1:8787', '127.0.0.1:8787', undefined)).toBe(true)
  })

  it('rejects another host or port by default', () => {
    expect(isOriginAllowed('http://evil.example', '127.0.0.1:8787', undefined)).toBe(false)
    expect(isOriginAllowed('http://127.0.0.1:9999', '127.0.0.1:8787', undefined)).toBe(false)
  })

  it('rejects non-http origins', () => {
    expect(isOriginAllowed('null', '127.0.0.1:8787', undefined)).toBe(false)
    expect(isOriginAllowed('file://', '127.0.0.1:8787', undefined)).toBe(false)
  })

  it('accepts a handshake without Origin', () => {
    expect(isOriginAllowed(undefined, '127.0.0.1:8787', undefined)).toBe(true)
  })

  it('uses the explicit list when given', () => {
    const allowed = ['https://chat.example.com']

    expect(isOriginAllowed('https://chat.example.com', '127.0.0.1:8787', allowed)).toBe(true)
    expect(isOriginAllowed('http://127.0.0.1:8787', '127.0.0.1:8787', allowed)).toBe(false)
  })
})

describe('parseAllowedOrigins', () => {
  it('parses a comma-separated list', () => {
    expect(parseAllowedOrigins('http://localhost:8787, https://a.example/')).toEqual([
      'http://localhost:8787',
      'https://a.example',
    ])
    expect(parseAllowedOrigins(undefined)).toBeUndefined()
  })

  it('rejects an origin with a path', () => {
    expect(() => parseAllowedOrigins('https://a.example/chat')).toThrow(/bare origin/)
  })
})
