import { createHash } from 'node:crypto'
import { plainValidationError } from './api-error'
import type { Database } from './database'
import type { OperationResponse } from './operation'

/**
 * Runs `produce` once per `(memoryId, operation, token)` inside one
 * transaction, and returns the stored response for a repeated token. A
 * repeated token whose request differs raises a `ValidationException` with
 * reason `IdempotentParameterMismatchException`.
 */
export function withClientToken(
  db: Database,
  key: { memoryId: string; operation: string; token: string | undefined },
  request: unknown,
  produce: () => OperationResponse,
): OperationResponse {
  const { memoryId, operation, token } = key
  if (token === undefined) return db.transaction(produce)
  const fingerprint = fingerprintOf(request)
  return db.transaction(() => {
    const previous = db.get<{ fingerprint: string; response: string }>(
      'SELECT fingerprint, response FROM client_tokens WHERE memory_id = ? AND operation = ? AND token = ?',
      memoryId,
      operation,
      token,
    )
    if (previous !== undefined) {
      if (previous.fingerprint !== fingerprint) {
        throw plainValidationError(
          `The clientToken '${token}' was already used for a different ${operation} request. Use a new clientToken for new parameters.`,
          'IdempotentParameterMismatchException',
        )
      }
      return JSON.parse(previous.response) as OperationResponse
    }
    const response = produce()
    db.run(
      'INSERT INTO client_tokens (memory_id, operation, token, fingerprint, response, created_at_ms) VALUES (?, ?, ?, ?, ?, ?)',
      memoryId,
      operation,
      token,
      fingerprint,
      JSON.stringify(response),
      Date.now(),
    )
    return response
  })
}

function fingerprintOf(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request)).digest('base64url')
}

/** Serializes with sorted object keys so that key order does not change the fingerprint. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => compareStrings(a, b))
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

function compareStrings(a: string, b: string): number {
  if (a === b) return 0
  return a < b ? -1 : 1
}
