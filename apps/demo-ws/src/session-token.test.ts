import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadTokenSecret, SessionTokens } from './session-token'

const secret = Buffer.alloc(32, 7)
const claims = { actorId: 'user-1', sessionId: 'session-1', mode: 'async' as const }

describe('SessionTokens', () => {
  it('verifies a token it issued', () => {
    const tokens = new SessionTokens({ secret, ttlMs: 60_000, now: () => 1_000 })
    const result = tokens.verify(tokens.issue(claims))

    expect(result).toEqual({ ok: true, claims: { ...claims, expiresAt: 61_000 } })
  })

  it('rejects a changed payload', () => {
    const tokens = new SessionTokens({ secret, ttlMs: 60_000 })
    const [, signature] = tokens.issue(claims).split('.')
    const forged = Buffer.from(JSON.stringify({ a: 'user-2', s: 'session-1', m: 'async', e: 9e15 })).toString(
      'base64url',
    )

    expect(tokens.verify(`${forged}.${signature}`)).toEqual({ ok: false, reason: 'bad_signature' })
  })

  it('rejects a token of another secret', () => {
    const foreign = new SessionTokens({ secret: Buffer.alloc(32, 9), ttlMs: 60_000 }).issue(claims)
    const tokens = new SessionTokens({ secret, ttlMs: 60_000 })

    expect(tokens.verify(foreign)).toEqual({ ok: false, reason: 'bad_signature' })
  })

  it('rejects an expired token', () => {
    let now = 0
    const tokens = new SessionTokens({ secret, ttlMs: 10, now: () => now })
    const token = tokens.issue(claims)
    now = 10

    expect(tokens.verify(token)).toEqual({ ok: false, reason: 'expired' })
  })

  it('rejects malformed tokens', () => {
    const tokens = new SessionTokens({ secret, ttlMs: 60_000 })

    for (const token of ['', 'abc', 'a.b.c', '.sig', 'payload.']) {
      expect(tokens.verify(token).ok, token).toBe(false)
    }
  })

  it('rejects a short secret', () => {
    expect(() => new SessionTokens({ secret: Buffer.alloc(8), ttlMs: 1 })).toThrow(/at least 32/)
  })
})

describe('loadTokenSecret', () => {
  let dir = ''
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('creates a 0600 secret once and reuses it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'demo-secret-'))
    const first = await loadTokenSecret(join(dir, 'data'), undefined)
    const second = await loadTokenSecret(join(dir, 'data'), undefined)
    const mode = (await stat(join(dir, 'data', 'token-secret'))).mode & 0o777

    expect(first.byteLength).toBe(32)
    expect(second.equals(first)).toBe(true)
    expect(mode).toBe(0o600)
  })

  it('prefers the environment secret', async () => {
    dir = await mkdtemp(join(tmpdir(), 'demo-secret-'))
    const secretText = 'x'.repeat(40)

    expect((await loadTokenSecret(dir, secretText)).toString()).toBe(secretText)
    await expect(loadTokenSecret(dir, 'short')).rejects.toThrow(/at least 32/)
  })

  it('rejects a truncated secret file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'demo-secret-'))
    await writeFile(join(dir, 'token-secret'), 'abc\n')

    await expect(loadTokenSecret(dir, undefined)).rejects.toThrow(/delete the file/)
    expect(await readFile(join(dir, 'token-secret'), 'utf8')).toBe('abc\n')
  })
})
