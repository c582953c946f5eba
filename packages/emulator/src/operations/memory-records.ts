import { createHash } from 'node:crypto'
import { cachedVector, scoreVectors, vectorize } from '../extraction/similarity'
import { notFound } from '../internal/api-error'
import { memoryRecordIdRule, memoryStrategyIdRule, paginationTokenRule, parseMemoryId } from '../internal/constraints'
import type { OperationHandler, OperationRequest } from '../internal/operation'
import { decodeToken, encodeToken } from '../internal/pagination'
import {
  type NamespaceSelector,
  namespaceSelected,
  parseNamespaceSelector,
  parseRecordFilters,
  recordMatchesFilters,
} from '../internal/record-filters'
import { findRecord, type RecordRow, recordFromRow } from '../internal/record-store'
import { Validator } from '../internal/validator'

const defaultTopK = 10

/**
 * `RetrieveMemoryRecords`: `POST /memories/{memoryId}/retrieve`. Scores every
 * record in scope against the query, keeps the `topK` best (ties: newest
 * first, then by id) and pages them by `maxResults`.
 */
export const retrieveMemoryRecords: OperationHandler = (context, request) => {
  const memoryId = parseMemoryId(request.labels.memoryId)
  const body = request.body
  const validator = new Validator()
  const criteria = validator.object(body.searchCriteria, 'searchCriteria', true)
  const query =
    criteria === undefined
      ? undefined
      : validator.string(criteria.searchQuery, 'searchCriteria.searchQuery', {
          required: true,
          min: 1,
          max: 10_000,
          sensitive: true,
        })
  const strategyId =
    criteria === undefined
      ? undefined
      : validator.string(criteria.memoryStrategyId, 'searchCriteria.memoryStrategyId', memoryStrategyIdRule)
  const topK =
    (criteria === undefined
      ? undefined
      : validator.number(criteria.topK, 'searchCriteria.topK', { integer: true, min: 1, max: 100 })) ?? defaultTopK
  const filters =
    criteria === undefined
      ? []
      : parseRecordFilters(validator, criteria.metadataFilters, 'searchCriteria.metadataFilters')
  const selector = parseNamespaceSelector(validator, body, context.namespaceMatch)
  const maxResults = validator.number(body.maxResults, 'maxResults', { integer: true, min: 1, max: 100 }) ?? 100
  const nextToken = validator.string(body.nextToken, 'nextToken', paginationTokenRule)
  validator.throwIfInvalid()
  request.logFields.memoryId = memoryId
  context.memories.require(memoryId)
  const queryKey = createHash('sha256')
    .update(JSON.stringify([body.searchCriteria, body.namespace, body.namespacePath]))
    .digest('base64url')
  const offset = pageOffset(decodeToken('RetrieveMemoryRecords', nextToken), queryKey)
  const queryVector = vectorize(query as string)

  const scored = recordsInScope(context, memoryId, selector, (row) => {
    if (selector === undefined || !namespaceSelected(JSON.parse(row.namespaces) as string[], selector)) return false
    if (strategyId !== undefined && row.strategy_id !== strategyId) return false
    return recordMatchesFilters(row.metadata, filters)
  })
    .map((row) => ({ row, score: scoreVectors(queryVector, cachedVector(row.content)) }))
    .sort((a, b) => b.score - a.score || newestFirst(a.row, b.row))
    .slice(0, topK)
  const page = scored.slice(offset, offset + maxResults)
  const output: Record<string, unknown> = {
    memoryRecordSummaries: page.map(({ row, score }) => recordFromRow(row, score)),
  }
  if (offset + maxResults < scored.length)
    output.nextToken = encodeToken('RetrieveMemoryRecords', [offset + maxResults, queryKey])
  return { status: 200, body: output }
}

/** `ListMemoryRecords`: `POST /memories/{memoryId}/memoryRecords`, newest `createdAt` first. */
export const listMemoryRecords: OperationHandler = (context, request) => {
  const memoryId = parseMemoryId(request.labels.memoryId)
  const body = request.body
  const validator = new Validator()
  const selector = parseNamespaceSelector(validator, body, context.namespaceMatch)
  const strategyId = validator.string(body.memoryStrategyId, 'memoryStrategyId', memoryStrategyIdRule)
  const filters = parseRecordFilters(validator, body.metadataFilters, 'metadataFilters')
  const maxResults = validator.number(body.maxResults, 'maxResults', { integer: true, min: 1, max: 100 }) ?? 100
  const nextToken = validator.string(body.nextToken, 'nextToken', paginationTokenRule)
  validator.throwIfInvalid()
  request.logFields.memoryId = memoryId
  const cursor = decodeToken('ListMemoryRecords', nextToken) as [number, string] | undefined
  context.memories.require(memoryId)

  const rows = recordsInScope(context, memoryId, selector, (row) => {
    if (selector === undefined || !namespaceSelected(JSON.parse(row.namespaces) as string[], selector)) return false
    if (strategyId !== undefined && row.strategy_id !== strategyId) return false
    if (cursor !== undefined && !isAfterCursor(row, cursor)) return false
    return recordMatchesFilters(row.metadata, filters)
  }).sort(newestFirst)
  const page = rows.slice(0, maxResults)
  const output: Record<string, unknown> = { memoryRecordSummaries: page.map((row) => recordFromRow(row)) }
  const last = page.at(-1)
  if (rows.length > maxResults && last !== undefined) {
    output.nextToken = encodeToken('ListMemoryRecords', [last.created_at_ms, last.record_id])
  }
  return { status: 200, body: output }
}

/** `GetMemoryRecord`: `GET /memories/{memoryId}/memoryRecord/{memoryRecordId}`. */
export const getMemoryRecord: OperationHandler = (context, request) => {
  const { memoryId, recordId } = parseRecordLabels(request)
  context.memories.require(memoryId)
  const row = findRecord(context.db, memoryId, recordId)
  if (row === undefined) throw notFound(`Memory record not found: ${recordId}`)
  return { status: 200, body: { memoryRecord: recordFromRow(row) } }
}

/** `DeleteMemoryRecord`: `DELETE /memories/{memoryId}/memoryRecords/{memoryRecordId}`. */
export const deleteMemoryRecord: OperationHandler = (context, request) => {
  const { memoryId, recordId } = parseRecordLabels(request)
  context.memories.require(memoryId)
  const row = findRecord(context.db, memoryId, recordId)
  if (row === undefined) throw notFound(`Memory record not found: ${recordId}`)
  context.db.run('DELETE FROM records WHERE record_id = ?', recordId)
  return { status: 200, body: { memoryRecordId: recordId } }
}

function parseRecordLabels(request: OperationRequest): { memoryId: string; recordId: string } {
  const memoryId = parseMemoryId(request.labels.memoryId)
  const validator = new Validator()
  const recordId = validator.string(request.labels.memoryRecordId, 'memoryRecordId', memoryRecordIdRule)
  // The namespace query parameter only serves IAM conditions on the service, so it is not checked against the record.
  validator.string(request.query.get('namespace') ?? undefined, 'namespace', { min: 1, max: 1024 })
  validator.throwIfInvalid()
  request.logFields.memoryId = memoryId
  return { memoryId, recordId: recordId as string }
}

/**
 * Loads the records of a memory that `keep` accepts. SQL first drops records
 * whose namespaces JSON cannot contain the selected namespace, which is safe
 * because the namespace pattern has no character that JSON escapes.
 */
function recordsInScope(
  context: Parameters<OperationHandler>[0],
  memoryId: string,
  selector: NamespaceSelector | undefined,
  keep: (row: RecordRow) => boolean,
): RecordRow[] {
  if (selector === undefined) return []
  const needle = `"${selector.value.replace(/\/+$/, '')}`
  return context.db
    .all<RecordRow>('SELECT * FROM records WHERE memory_id = ? AND instr(namespaces, ?) > 0', memoryId, needle)
    .filter(keep)
}

function isAfterCursor(row: RecordRow, cursor: [number, string]): boolean {
  return row.created_at_ms < cursor[0] || (row.created_at_ms === cursor[0] && row.record_id < cursor[1])
}

function pageOffset(position: unknown, queryKey: string): number {
  if (position === undefined) return 0
  const [offset, key] = position as [unknown, unknown]
  if (typeof offset !== 'number' || key !== queryKey) {
    decodeToken('RetrieveMemoryRecords', 'invalid')
  }
  return offset as number
}

function newestFirst(a: RecordRow, b: RecordRow): number {
  if (a.created_at_ms !== b.created_at_ms) return b.created_at_ms - a.created_at_ms
  if (a.record_id === b.record_id) return 0
  return a.record_id < b.record_id ? 1 : -1
}
