import { actorIdRule, paginationTokenRule, parseMemoryId } from '../internal/constraints'
import { toEpochSeconds } from '../internal/event-row'
import type { OperationHandler } from '../internal/operation'
import { decodeToken, encodeToken } from '../internal/pagination'
import { Validator } from '../internal/validator'

interface SessionRow {
  session_id: string
  created_at_ms: number
  rowid: number
}

/**
 * `ListSessions`: `POST /memories/{memoryId}/actor/{actorId}/sessions`.
 * Newest session (by the arrival of its first event) first; sessions created
 * in the same millisecond keep their creation order.
 */
export const listSessions: OperationHandler = (context, request) => {
  const memoryId = parseMemoryId(request.labels.memoryId)
  const validator = new Validator()
  const actorId = validator.string(request.labels.actorId, 'actorId', actorIdRule) as string
  const maxResults = validator.number(request.body.maxResults, 'maxResults', { integer: true, min: 1, max: 100 }) ?? 100
  const nextToken = validator.string(request.body.nextToken, 'nextToken', paginationTokenRule)
  const filter = validator.object(request.body.filter, 'filter')
  const eventFilter =
    filter === undefined
      ? undefined
      : validator.string(filter.eventFilter, 'filter.eventFilter', { values: ['HAS_EVENTS'] })
  validator.throwIfInvalid()
  request.logFields.memoryId = memoryId
  request.logFields.actorId = actorId
  const cursor = decodeToken('ListSessions', nextToken) as [number, number] | undefined
  const memory = context.memories.require(memoryId)

  const cutoff = request.now - memory.eventExpiryDays * 86_400_000
  const hasEventsClause =
    eventFilter === 'HAS_EVENTS'
      ? `AND EXISTS (SELECT 1 FROM events e WHERE e.memory_id = s.memory_id AND e.actor_id = s.actor_id
           AND e.session_id = s.session_id AND e.received_at_ms >= ${Math.floor(cutoff)})`
      : ''
  const rows = context.db.all<SessionRow>(
    `SELECT session_id, created_at_ms, rowid FROM sessions s WHERE memory_id = ? AND actor_id = ?
     AND (created_at_ms < ? OR (created_at_ms = ? AND rowid < ?)) ${hasEventsClause}
     ORDER BY created_at_ms DESC, rowid DESC LIMIT ?`,
    memoryId,
    actorId,
    cursor?.[0] ?? Number.MAX_SAFE_INTEGER,
    cursor?.[0] ?? Number.MAX_SAFE_INTEGER,
    cursor?.[1] ?? Number.MAX_SAFE_INTEGER,
    maxResults + 1,
  )
  const page = rows.slice(0, maxResults)
  const output: Record<string, unknown> = {
    sessionSummaries: page.map((row) => ({
      sessionId: row.session_id,
      actorId,
      createdAt: toEpochSeconds(row.created_at_ms),
    })),
  }
  const last = page.at(-1)
  if (rows.length > maxResults && last !== undefined) {
    output.nextToken = encodeToken('ListSessions', [last.created_at_ms, last.rowid])
  }
  return { status: 200, body: output }
}

/** `ListActors`: `POST /memories/{memoryId}/actors`, in ascending order of actor id. */
export const listActors: OperationHandler = (context, request) => {
  const memoryId = parseMemoryId(request.labels.memoryId)
  const validator = new Validator()
  const maxResults = validator.number(request.body.maxResults, 'maxResults', { integer: true, min: 1, max: 100 }) ?? 100
  const nextToken = validator.string(request.body.nextToken, 'nextToken', paginationTokenRule)
  validator.throwIfInvalid()
  request.logFields.memoryId = memoryId
  const cursor = decodeToken('ListActors', nextToken)
  context.memories.require(memoryId)

  const rows = context.db.all<{ actor_id: string }>(
    'SELECT DISTINCT actor_id FROM sessions WHERE memory_id = ? AND actor_id > ? ORDER BY actor_id LIMIT ?',
    memoryId,
    typeof cursor === 'string' ? cursor : '',
    maxResults + 1,
  )
  const page = rows.slice(0, maxResults)
  const output: Record<string, unknown> = { actorSummaries: page.map((row) => ({ actorId: row.actor_id })) }
  const last = page.at(-1)
  if (rows.length > maxResults && last !== undefined) output.nextToken = encodeToken('ListActors', last.actor_id)
  return { status: 200, body: output }
}
