import { validationError } from './api-error'

/**
 * Encodes a pagination cursor as an opaque token. The `kind` keeps a token of
 * one operation from being accepted by another.
 */
export function encodeToken(kind: string, position: unknown): string {
  return Buffer.from(JSON.stringify({ k: kind, p: position })).toString('base64url')
}

/** Decodes a token from `encodeToken`, or raises a `ValidationException` for a foreign or damaged one. */
export function decodeToken(kind: string, token: string | undefined): unknown {
  if (token === undefined) return undefined
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { k?: unknown; p?: unknown }
    if (parsed.k === kind && parsed.p !== undefined) return parsed.p
  } catch {
    // Falls through to the validation error below.
  }
  throw validationError([
    {
      name: 'nextToken',
      message: `Member must be the nextToken of a previous ${kind} page, passed unchanged`,
      shownValue: `'${token.slice(0, 64)}'`,
    },
  ])
}
