import { randomBytes } from 'node:crypto'

/**
 * Formats an event id the way AgentCore Memory does: the event's epoch
 * milliseconds zero-padded to 19 digits, `#`, then 8 lowercase hex characters.
 * Ids therefore sort chronologically as strings.
 */
export function formatEventId(epochMs: number, suffix: string = randomBytes(4).toString('hex')): string {
  if (!Number.isSafeInteger(epochMs) || epochMs < 0) {
    throw new RangeError(`Invalid event timestamp ${epochMs}: expected a non-negative integer of epoch milliseconds.`)
  }
  return `${String(epochMs).padStart(19, '0')}#${suffix}`
}
