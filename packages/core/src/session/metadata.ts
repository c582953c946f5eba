import type { MetadataValue } from '@aws-sdk/client-bedrock-agentcore'
import { InvalidOptionError } from '../errors/invalid-option-error'
import { identifierPatterns } from './identifiers'
import type { MetadataInput } from './session-options'

/** Maximum number of metadata keys on one event, reserved keys included. */
export const maxMetadataKeys = 15

/** Metadata in the shape CreateEvent takes. */
export type EventMetadata = Record<string, MetadataValue.StringValueMember>

/**
 * Checks user metadata and converts plain strings to `{ stringValue }`.
 * `reservedKeys` are the keys core writes itself; `reservedCount` of them are
 * added to every message event, so the user may set at most
 * `15 - reservedCount` keys.
 */
export function normalizeMetadata(
  option: string,
  input: unknown,
  reservedKeys: readonly string[],
  reservedCount: number,
): EventMetadata {
  if (input === undefined || input === null) {
    return {}
  }
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new InvalidOptionError(option, `Invalid ${option}: expected an object of string values.`)
  }
  const result: EventMetadata = {}
  for (const [key, raw] of Object.entries(input as MetadataInput)) {
    if (reservedKeys.includes(key)) {
      throw new InvalidOptionError(
        option,
        `Invalid ${option}: the key '${key}' is reserved for core's own metadata (${reservedKeys.join(', ')}). Rename the key.`,
      )
    }
    if (key.length < 1 || key.length > 128 || !identifierPatterns.metadataText.test(key)) {
      throw new InvalidOptionError(
        option,
        `Invalid ${option} key '${key}': expected 1 to 128 letters, digits, spaces or any of . _ : / = + @ -.`,
      )
    }
    const value = typeof raw === 'string' ? raw : (raw as { stringValue?: unknown } | null)?.stringValue
    if (typeof value !== 'string') {
      throw new InvalidOptionError(
        option,
        `Invalid ${option} value for key '${key}': expected a string or { stringValue }.`,
      )
    }
    if (value.length > 256 || !identifierPatterns.metadataText.test(value)) {
      throw new InvalidOptionError(
        option,
        `Invalid ${option} value for key '${key}': expected at most 256 letters, digits, spaces or any of . _ : / = + @ -.`,
      )
    }
    result[key] = { stringValue: value }
  }
  checkKeyCount(option, result, reservedCount)
  return result
}

/** Throws when `metadata` plus the reserved keys exceed {@link maxMetadataKeys}. */
export function checkKeyCount(option: string, metadata: EventMetadata, reservedCount: number): void {
  const count = Object.keys(metadata).length
  if (count + reservedCount > maxMetadataKeys) {
    throw new InvalidOptionError(
      option,
      `Invalid ${option}: ${count} keys plus ${reservedCount} reserved key(s) exceed the service's limit of ${maxMetadataKeys} metadata keys per event. Remove ${count + reservedCount - maxMetadataKeys} key(s).`,
    )
  }
}
