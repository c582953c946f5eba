import { createHash } from 'node:crypto'

/**
 * Derives a CreateEvent `clientToken` from the stable identity of a write.
 * The same parts always give the same token, so an SDK retry, an executor
 * retry or a replay after a crash is deduplicated by the service. The token
 * has the shape of a UUID because that is what the SDK generates itself.
 */
export function deriveClientToken(parts: readonly string[]): string {
  const hash = createHash('sha256')
  for (const part of parts) {
    // Length prefixes keep ['ab', 'c'] and ['a', 'bc'] apart.
    hash.update(`${part.length}:${part}|`)
  }
  const hex = hash.digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}
