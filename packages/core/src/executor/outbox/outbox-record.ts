import { createHash } from 'node:crypto'
import type { DurableEvent } from '../executor'

/** A write journaled before it was acknowledged: the exact CreateEvent requests it sends. */
export interface OutboxWriteRecord {
  /** Format version, so a later release can read or reject older journals. */
  v: 1
  /** Sequence number, increasing within one outbox directory. */
  seq: number
  /** Record kind. */
  op: 'write'
  /** Executor queue of the write, so a replay keeps per-session order. */
  key: string
  /** Kind of the write, for failure reports. */
  kind: 'append' | 'state'
  /** Ids of the messages the write carries, for failure reports. */
  messageIds: string[]
  /** The requests, in the order they are sent. */
  events: DurableEvent[]
}

/** Marks a write as settled, so compaction drops it and replay skips it. */
export interface OutboxDoneRecord {
  /** Format version. */
  v: 1
  /** Record kind. */
  op: 'done'
  /** Sequence number of the settled write. */
  ref: number
}

/** One line of the journal. */
export type OutboxRecord = OutboxWriteRecord | OutboxDoneRecord

/**
 * Encodes a record as one journal line: a 16-hex-digit SHA-256 prefix of the
 * JSON, a space, the JSON and a newline. The checksum lets recovery tell a
 * torn or damaged line from a complete one.
 */
export function encodeRecord(record: OutboxRecord): string {
  const json = JSON.stringify(record)
  return `${checksum(json)} ${json}\n`
}

/** Decodes one journal line without its newline, or returns `undefined` when it is torn or damaged. */
export function decodeRecord(line: string): OutboxRecord | undefined {
  const space = line.indexOf(' ')
  if (space !== 16) {
    return undefined
  }
  const json = line.slice(space + 1)
  if (checksum(json) !== line.slice(0, space)) {
    return undefined
  }
  try {
    const value = JSON.parse(json) as Partial<OutboxRecord>
    if (value.v !== 1) {
      return undefined
    }
    if (value.op === 'write' && typeof value.seq === 'number' && Array.isArray(value.events)) {
      return value as OutboxWriteRecord
    }
    if (value.op === 'done' && typeof value.ref === 'number') {
      return value as OutboxDoneRecord
    }
    return undefined
  } catch {
    return undefined
  }
}

function checksum(json: string): string {
  return createHash('sha256').update(json).digest('hex').slice(0, 16)
}
