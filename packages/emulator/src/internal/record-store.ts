import type { Database } from './database'
import { toEpochSeconds } from './event-row'
import { newMemoryRecordId } from './ids'

/** A records table row. */
export interface RecordRow {
  record_id: string
  memory_id: string
  strategy_id: string
  namespaces: string
  content: string
  metadata: string | null
  created_at_ms: number
  updated_at_ms: number
}

/** Fields of a new memory record. */
export interface NewRecord {
  memoryId: string
  strategyId: string
  namespaces: string[]
  text: string
  metadata?: Record<string, unknown>
  createdAtMs: number
}

/** Inserts a record and returns its new id. */
export function insertRecord(db: Database, record: NewRecord): string {
  const recordId = newMemoryRecordId()
  db.run(
    'INSERT INTO records (record_id, memory_id, strategy_id, namespaces, content, metadata, created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    recordId,
    record.memoryId,
    record.strategyId,
    JSON.stringify(record.namespaces),
    record.text,
    record.metadata === undefined ? null : JSON.stringify(record.metadata),
    record.createdAtMs,
    record.createdAtMs,
  )
  return recordId
}

/** Replaces the text of a record, keeping its id and `createdAt`. */
export function updateRecordText(db: Database, recordId: string, text: string, now: number): void {
  db.run('UPDATE records SET content = ?, updated_at_ms = ? WHERE record_id = ?', text, now, recordId)
}

/** Returns the records of one strategy in exactly one namespace. */
export function recordsInNamespace(db: Database, memoryId: string, strategyId: string, namespace: string): RecordRow[] {
  return db.all<RecordRow>(
    'SELECT * FROM records WHERE memory_id = ? AND strategy_id = ? AND namespaces = ? ORDER BY created_at_ms',
    memoryId,
    strategyId,
    JSON.stringify([namespace]),
  )
}

/** Returns one record of a memory. */
export function findRecord(db: Database, memoryId: string, recordId: string): RecordRow | undefined {
  return db.get<RecordRow>('SELECT * FROM records WHERE memory_id = ? AND record_id = ?', memoryId, recordId)
}

/** Builds the wire `MemoryRecordSummary` (and `MemoryRecord`) structure of a row. */
export function recordFromRow(row: RecordRow, score?: number): Record<string, unknown> {
  const record: Record<string, unknown> = {
    memoryRecordId: row.record_id,
    content: { text: row.content },
    memoryStrategyId: row.strategy_id,
    namespaces: JSON.parse(row.namespaces),
    createdAt: toEpochSeconds(row.created_at_ms),
  }
  if (score !== undefined) record.score = score
  if (row.metadata !== null) record.metadata = JSON.parse(row.metadata)
  return record
}
