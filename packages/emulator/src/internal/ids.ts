import { randomBytes, randomUUID } from 'node:crypto'

const alphanumerics = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** Returns `length` random letters and digits, the suffix format of memory and strategy ids. */
export function randomAlphanumerics(length: number): string {
  const bytes = randomBytes(length)
  let text = ''
  for (const byte of bytes) text += alphanumerics[byte % alphanumerics.length]
  return text
}

/** Returns a new memory record id, `mem-` followed by a UUID (40 characters). */
export function newMemoryRecordId(): string {
  return `mem-${randomUUID()}`
}
