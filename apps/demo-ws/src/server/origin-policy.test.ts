import { describe, expect, it } from 'vitest'
import { type HandshakePolicy, isHostAllowed, isOriginAllowed, parseAllowedOrigins } from './origin-policy'

const local: HandshakePolicy = { host: '127.0.0.1', port: 8787 }

describe('isOriginAllowed', () => {
  it('accepts the same origin by default', () => {
    expect(isOriginAllowed('http://127.0.0.1:8787', local)).toBe(true)
  })

  it('treats loopback names as one server', () => {
    expect(isOriginAllowed('http://localhost:8787', local)).toBe(true)
    expect(isOriginAllowed('http://[::1]:8787', local)).toBe(true)
    expect(isOriginAllowed('http://LOCALHOST:8787', local)).toBe(true)
  })

  it('rejects another host or port by default', () => {
    expect(isOriginAllowed('http://evil.example', local)).toBe(false)
    expect(isOriginAllowed('http://attacker.example:8787', local)).toBe(false)
    expect(isOriginAllowed('http://127.0.0.1:9999', local)).toBe(false)
    expect(isOriginAllowed('http://localhost', local)).toBe(false)
  })

  it('accepts the configured host', () => {
    const policy: HandshakePolicy = { host: 'chat.internal', port: 8787 }

    expect(isOriginAllowed('http://chat.internal:8787', policy)).toBe(true)
    expect(isOriginAllowed('http://localhost:8787', policy)).toBe(true)
  })

  it('ignores a wildcard listen address', () => {
    const policy: HandshakePolicy = { host: '0.0.0.0', port: 8787 }

    expect(isOriginAllowed('http://0.0.0.0:8787', policy)).toBe(false)
    expect(isOriginAllowed('http://127.0.0.1:8787', policy)).toBe(true)
  })

  it('rejects non-http origins', () => {
    expect(isOriginAllowed('null', local)).toBe(false)
    expect(isOriginAllowed('file://', local)).toBe(false)
  })

  it('accepts a handshake without Origin', () => {
    expect(isOriginAllowed(undefined, local)).toBe(true)
  })

  it('uses the explicit list when given', () => {
    const policy: HandshakePolicy = { ...local, allowedOrigins: ['https://chat.example.com'] }

    expect(isOriginAllowed('https://chat.example.com', policy)).toBe(true)
    expect(isOriginAllowed('http://127.0.0.1:8787', policy)).toBe(false)
  })
})

describe('isHostAllowed', () => {
  const origin = 'http://127.0.0.1:8787'

  it('accepts loopback names on the listening port', () => {
    expect(isHostAllowed('127.0.0.1:8787', origin, local)).toBe(true)
    expect(isHostAllowed('localhost:8787', origin, local)).toBe(true)
    expect(isHostAllowed('[::1]:8787', origin, local)).toBe(true)
    expect(isHostAllowed('LocalHost:8787', origin, local)).toBe(true)
  })

  it('rejects a rebound host name', () => {
    expect(isHostAllowed('attacker.example:8787', 'http://attacker.example:8787', local)).toBe(false)
    expect(isHostAllowed('attacker.example', 'http://attacker.example', local)).toBe(false)
  })

  it('rejects loopback names on another port', () => {
    expect(isHostAllowed('127.0.0.1:9999', origin, local)).toBe(false)
    expect(isHostAllowed('localhost', origin, local)).toBe(false)
  })

  it('rejects a host with extra parts', () => {
    expect(isHostAllowed('attacker.example@127.0.0.1:8787', origin, local)).toBe(false)
    expect(isHostAllowed('127.0.0.1:8787/x', origin, local)).toBe(false)
  })

  it('accepts the configured host', () => {
    const policy: HandshakePolicy = { host: '::1', port: 8787 }

    expect(isHostAllowed('[::1]:8787', origin, policy)).toBe(true)
    expect(isHostAllowed('chat.internal:8787', origin, { host: 'chat.internal', port: 8787 })).toBe(true)
  })

  it('accepts the hosts of allowed origins', () => {
    const policy: HandshakePolicy = { ...local, allowedOrigins: ['https://chat.example.com'] }

    expect(isHostAllowed('chat.example.com', 'https://chat.example.com', policy)).toBe(true)
    expect(isHostAllowed('127.0.0.1:8787', 'https://chat.example.com', policy)).toBe(true)
    expect(isHostAllowed('other.example.com', 'https://chat.example.com', policy)).toBe(false)
  })

  it('requires Host when Origin is present', () => {
    expect(isHostAllowed(undefined, origin, local)).toBe(false)
    expect(isHostAllowed(undefined, undefined, local)).toBe(true)
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
