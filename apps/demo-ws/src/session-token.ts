import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { MemoryMode } from './protocol/messages'
import { DemoStartError } from './start-error'

/** Identity that a session token binds: who owns the conversation, which session, and its memory mode. */
export interface SessionClaims {
  /** AgentCore actor id that owns the session. */
  actorId: string
  /** AgentCore session id. */
  sessionId: string
  /** Memory mode the conversation was created with. */
  mode: MemoryMode
}

/** Claims of a verified token, with its expiry. */
export interface VerifiedClaims extends SessionClaims {
  /** Expiry as milliseconds since the Unix epoch. */
  expiresAt: number
}

/** Reason a token failed verification, for logs; clients only ever see `invalid_token`. */
export type TokenRejection = 'malformed' | 'bad_signature' | 'expired'

/** Options of {@link SessionTokens}. */
export interface SessionTokenOptions {
  /** HMAC-SHA256 key, at least 32 bytes. */
  secret: Buffer
  /** Lifetime of an issued token in milliseconds. */
  ttlMs: number
  /** Clock in milliseconds since the epoch, replaceable in tests. */
  now?: () => number
}

const minSecretBytes = 32
const idPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/

/**
 * Issues and verifies HMAC-SHA256 signed tokens of the form `base64url(payload).base64url(signature)`.
 * A client resumes a session only by presenting a token this server signed, never by naming a session id.
 */
export class SessionTokens {
  readonly #secret: Buffer
  readonly #ttlMs: number
  readonly #now: () => number

  constructor(options: SessionTokenOptions) {
    if (options.secret.byteLength < minSecretBytes) {
      throw new RangeError(
        `Token secret has ${options.secret.byteLength} bytes; use at least ${minSecretBytes} random bytes.`,
      )
    }
    this.#secret = options.secret
    this.#ttlMs = options.ttlMs
    this.#now = options.now ?? Date.now
  }

  /** Signs a token for the claims, valid for the configured lifetime from now. */
  issue(claims: SessionClaims): string {
    const payload = { a: claims.actorId, s: claims.sessionId, m: claims.mode, e: this.#now() + this.#ttlMs }
    const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url')
    return `${encoded}.${this.#sign(encoded).toString('base64url')}`
  }

  /** Verifies the signature and expiry of a token and returns its claims, or the reason it was rejected. */
  verify(token: string): { ok: true; claims: VerifiedClaims } | { ok: false; reason: TokenRejection } {
    const parts = token.split('.')
    const [encoded, signature] = parts
    if (parts.length !== 2 || !encoded || !signature) return { ok: false, reason: 'malformed' }

    const expected = this.#sign(encoded)
    const actual = Buffer.from(signature, 'base64url')
    // Node's base64url decoder skips characters outside the alphabet, so without the round-trip check one token
    // would have many accepted spellings (`sig!`, `s\nig`, a `=` suffix).
    const canonical = actual.toString('base64url') === signature
    if (!canonical || actual.byteLength !== expected.byteLength || !timingSafeEqual(actual, expected)) {
      return { ok: false, reason: 'bad_signature' }
    }

    const claims = decodeClaims(encoded)
    if (!claims) return { ok: false, reason: 'malformed' }
    if (claims.expiresAt <= this.#now()) return { ok: false, reason: 'expired' }
    return { ok: true, claims }
  }

  #sign(encoded: string): Buffer {
    return createHmac('sha256', this.#secret).update(encoded).digest()
  }
}

function decodeClaims(encoded: string): VerifiedClaims | undefined {
  let payload: unknown
  try {
    payload = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'))
  } catch {
    return undefined
  }
  if (typeof payload !== 'object' || payload === null) return undefined
  const { a, s, m, e } = payload as Record<string, unknown>
  if (typeof a !== 'string' || !idPattern.test(a)) return undefined
  if (typeof s !== 'string' || !idPattern.test(s)) return undefined
  if (m !== 'async' && m !== 'inline') return undefined
  if (typeof e !== 'number' || !Number.isFinite(e)) return undefined
  return { actorId: a, sessionId: s, mode: m, expiresAt: e }
}

/**
 * Loads the token secret: `DEMO_TOKEN_SECRET` when set (at least 32 characters), else a random secret stored in
 * `token-secret` under the data folder with mode 0600, created on first use so tokens survive restarts.
 */
export async function loadTokenSecret(dataDir: string, envSecret: string | undefined): Promise<Buffer> {
  if (envSecret !== undefined && envSecret !== '') {
    const secret = Buffer.from(envSecret, 'utf8')
    if (secret.byteLength < minSecretBytes) {
      throw new DemoStartError(
        'invalid_token_secret',
        `DEMO_TOKEN_SECRET has ${secret.byteLength} bytes; set it to at least ${minSecretBytes} random characters, or unset it to use a stored random secret.`,
        { variable: 'DEMO_TOKEN_SECRET' },
      )
    }
    return secret
  }

  const path = join(dataDir, 'token-secret')
  try {
    const stored = Buffer.from((await readFile(path, 'utf8')).trim(), 'base64url')
    if (stored.byteLength >= minSecretBytes) return stored
    throw new DemoStartError(
      'invalid_token_secret',
      `Token secret in ${path} is shorter than ${minSecretBytes} bytes; delete the file to create a new one.`,
      { variable: 'DEMO_DATA_DIR' },
    )
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }

  await mkdir(dataDir, { recursive: true })
  const secret = randomBytes(minSecretBytes)
  // `wx` fails instead of overwriting when another process created the file in the meantime.
  try {
    await writeFile(path, `${secret.toString('base64url')}\n`, { mode: 0o600, flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadTokenSecret(dataDir, undefined)
    throw error
  }
  await chmod(path, 0o600)
  return secret
}
