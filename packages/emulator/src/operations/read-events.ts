import { notFound } from '../internal/api-error'
import {
  actorIdRule,
  branchNameRule,
  eventIdRule,
  metadataKeyRule,
  metadataStringValueRule,
  paginationTokenRule,
  parseMemoryId,
  sessionIdRule,
} from '../internal/constraints'
import type { Database } from '../internal/database'
import { type EventRow, eventFromRow, eventJsonFromRow, expiryCutoff } from '../internal/event-row'
import { type OperationHandler, type OperationRequest, SerializedJson } from '../internal/operation'
import { decodeToken, encodeToken } from '../internal/pagination'
import { Validator } from '../internal/validator'

interface SessionKey {
  memoryId: string
  actorId: string
  sessionId: string
}

interface MetadataCondition {
  key: string
  operator: 'EQUALS_TO' | 'EXISTS' | 'NOT_EXISTS'
  value?: string
}

const defaultMaxResults = 100

/** `GetEvent`: `GET /memories/{memoryId}/actor/{actorId}/sessions/{sessionId}/events/{eventId}`. */
export const getEvent: OperationHandler = (context, request) => {
  const { key, eventId } = parseEventLabels(request)
  const memory = context.memories.require(key.memoryId)
  const row = findEvent(context.db, key, eventId, expiryCutoff(request.now, memory.eventExpiryDays))
  if (row === undefined) throw notFound(`Unable to find event with id ${eventId}`)
  return { status: 200, body: { event: eventFromRow(row, true) } }
}

/** `DeleteEvent`: `DELETE /memories/{memoryId}/actor/{actorId}/sessions/{sessionId}/events/{eventId}`. */
export const deleteEvent: OperationHandler = (context, request) => {
  const { key, eventId } = parseEventLabels(request)
  const memory = context.memories.require(key.memoryId)
  const row = findEvent(context.db, key, eventId, expiryCutoff(request.now, memory.eventExpiryDays))
  if (row === undefined) throw notFound(`Unable to find event with id ${eventId}`)
  context.db.run(
    'DELETE FROM events WHERE memory_id = ? AND actor_id = ? AND session_id = ? AND event_id = ?',
    key.memoryId,
    key.actorId,
    key.sessionId,
    eventId,
  )
  return { status: 200, body: { eventId } }
}

/**
 * `ListEvents`: `POST /memories/{memoryId}/actor/{actorId}/sessions/{sessionId}`.
 * Returns events newest first. `maxResults` counts the events scanned, so with a
 * filter a page may hold fewer events, even none, and still carry a `nextToken`.
 */
export const listEvents: OperationHandler = (context, request) => {
  const key = parseSessionLabels(request)
  const body = request.body
  const validator = new Validator()
  const includePayloads = validator.boolean(body.includePayloads, 'includePayloads') ?? true
  const maxResults =
    validator.number(body.maxResults, 'maxResults', { integer: true, min: 1, max: 100 }) ?? defaultMaxResults
  const nextToken = validator.string(body.nextToken, 'nextToken', paginationTokenRule)
  const filter = validator.object(body.filter, 'filter')
  const branchFilter = filter === undefined ? undefined : validator.object(filter.branch, 'filter.branch')
  const branchName =
    branchFilter === undefined ? undefined : validator.string(branchFilter.name, 'filter.branch.name', branchNameRule)
  const includeParentBranches =
    branchFilter === undefined
      ? true
      : (validator.boolean(branchFilter.includeParentBranches, 'filter.branch.includeParentBranches') ?? true)
  const conditions = filter === undefined ? [] : parseMetadataConditions(validator, filter.eventMetadata)
  validator.throwIfInvalid()
  const cursor = decodeToken('ListEvents', nextToken)
  const memory = context.memories.require(key.memoryId)

  const cutoff = expiryCutoff(request.now, memory.eventExpiryDays)
  const scanned = context.db.all<EventRow>(
    `SELECT * FROM events WHERE memory_id = ? AND actor_id = ? AND session_id = ? AND received_at_ms >= ? AND event_id < ?
     ORDER BY event_id DESC LIMIT ?`,
    key.memoryId,
    key.actorId,
    key.sessionId,
    cutoff,
    typeof cursor === 'string' ? cursor : '\uffff',
    maxResults + 1,
  )
  const hasMore = scanned.length > maxResults
  const page = hasMore ? scanned.slice(0, maxResults) : scanned
  const lineage =
    branchName === undefined ? undefined : branchLineage(context.db, key, branchName, includeParentBranches)
  const events = page
    .filter((row) => lineage === undefined || inLineage(row, lineage))
    .filter((row) => conditions.every((condition) => matchesCondition(row, condition)))
    .map((row) => eventJsonFromRow(row, includePayloads))
  const last = page.at(-1)
  const tokenJson =
    hasMore && last !== undefined ? `,"nextToken":${JSON.stringify(encodeToken('ListEvents', last.event_id))}` : ''
  return { status: 200, body: new SerializedJson(`{"events":[${events.join(',')}]${tokenJson}}`) }
}

function parseSessionLabels(request: OperationRequest): SessionKey {
  const memoryId = parseMemoryId(request.labels.memoryId)
  const validator = new Validator()
  const actorId = validator.string(request.labels.actorId, 'actorId', actorIdRule)
  const sessionId = validator.string(request.labels.sessionId, 'sessionId', sessionIdRule)
  validator.throwIfInvalid()
  request.logFields.memoryId = memoryId
  request.logFields.actorId = actorId as string
  request.logFields.sessionId = sessionId as string
  return { memoryId, actorId: actorId as string, sessionId: sessionId as string }
}

function parseEventLabels(request: OperationRequest): { key: SessionKey; eventId: string } {
  const key = parseSessionLabels(request)
  const validator = new Validator()
  const eventId = validator.string(request.labels.eventId, 'eventId', eventIdRule)
  validator.throwIfInvalid()
  return { key, eventId: eventId as string }
}

function findEvent(db: Database, key: SessionKey, eventId: string, cutoff: number): EventRow | undefined {
  return db.get<EventRow>(
    'SELECT * FROM events WHERE memory_id = ? AND actor_id = ? AND session_id = ? AND event_id = ? AND received_at_ms >= ?',
    key.memoryId,
    key.actorId,
    key.sessionId,
    eventId,
    cutoff,
  )
}

function parseMetadataConditions(validator: Validator, value: unknown): MetadataCondition[] {
  const list = validator.list(value, 'filter.eventMetadata', { min: 1, max: 5 })
  if (list === undefined) return []
  const conditions: MetadataCondition[] = []
  list.forEach((item, index) => {
    const path = `filter.eventMetadata.${index}`
    const expression = validator.object(item, path, true)
    if (expression === undefined) return
    const left = validator.object(expression.left, `${path}.left`, true)
    const metadataKey =
      left === undefined ? undefined : validator.string(left.metadataKey, `${path}.left.metadataKey`, metadataKeyRule)
    const operator = validator.string(expression.operator, `${path}.operator`, {
      required: true,
      values: ['EQUALS_TO', 'EXISTS', 'NOT_EXISTS'],
    }) as MetadataCondition['operator'] | undefined
    const right = validator.object(expression.right, `${path}.right`, operator === 'EQUALS_TO')
    const metadataValue =
      right === undefined ? undefined : validator.object(right.metadataValue, `${path}.right.metadataValue`, true)
    const stringValue =
      metadataValue === undefined
        ? undefined
        : validator.string(metadataValue.stringValue, `${path}.right.metadataValue.stringValue`, {
            ...metadataStringValueRule,
            required: true,
          })
    if (metadataKey === undefined || operator === undefined) return
    const condition: MetadataCondition = { key: metadataKey, operator }
    if (stringValue !== undefined) condition.value = stringValue
    conditions.push(condition)
  })
  return conditions
}

function matchesCondition(row: EventRow, condition: MetadataCondition): boolean {
  const metadata = row.metadata === null ? {} : (JSON.parse(row.metadata) as Record<string, { stringValue?: string }>)
  const entry = metadata[condition.key]
  if (condition.operator === 'EXISTS') return entry !== undefined
  if (condition.operator === 'NOT_EXISTS') return entry === undefined
  return entry?.stringValue === condition.value
}

/** Branch name → newest event id of that branch that belongs to the lineage (undefined = every event). */
type Lineage = Map<string, string | undefined>

/**
 * Builds the set of branches that a branch filter selects: the branch itself
 * and, with `includeParentBranches`, each parent branch up to its fork point
 * (the `rootEventId` of the child branch), recursively.
 */
function branchLineage(db: Database, key: SessionKey, branchName: string, includeParents: boolean): Lineage {
  const lineage: Lineage = new Map([[branchName, undefined]])
  if (!includeParents) return lineage
  let current = branchName
  while (true) {
    const fork = db.get<{ root_event_id: string }>(
      `SELECT root_event_id FROM events WHERE memory_id = ? AND actor_id = ? AND session_id = ? AND branch_name = ?
       AND root_event_id IS NOT NULL ORDER BY event_id LIMIT 1`,
      key.memoryId,
      key.actorId,
      key.sessionId,
      current,
    )
    if (fork === undefined) return lineage
    const parent = db.get<{ branch_name: string }>(
      'SELECT branch_name FROM events WHERE memory_id = ? AND actor_id = ? AND session_id = ? AND event_id = ?',
      key.memoryId,
      key.actorId,
      key.sessionId,
      fork.root_event_id,
    )
    if (parent === undefined || lineage.has(parent.branch_name)) return lineage
    lineage.set(parent.branch_name, fork.root_event_id)
    current = parent.branch_name
  }
}

function inLineage(row: EventRow, lineage: Lineage): boolean {
  if (!lineage.has(row.branch_name)) return false
  const forkPoint = lineage.get(row.branch_name)
  return forkPoint === undefined || row.event_id <= forkPoint
}
