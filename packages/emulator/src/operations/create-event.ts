import { randomUUID } from 'node:crypto'
import { formatEventId } from '../event-id'
import { notFound, plainValidationError } from '../internal/api-error'
import {
  actorIdRule,
  branchNameRule,
  clientTokenRule,
  eventIdRule,
  maxConversationalTextLength,
  maxJsonPayloadBytes,
  maxPayloadItems,
  parseMemoryId,
  roles,
  sessionIdRule,
  validateMetadataMap,
} from '../internal/constraints'
import { type EventRow, eventFromRow } from '../internal/event-row'
import { withClientToken } from '../internal/idempotency'
import type { OperationHandler } from '../internal/operation'
import { Validator } from '../internal/validator'

/** `CreateEvent`: `POST /memories/{memoryId}/events` → 201. */
export const createEvent: OperationHandler = (context, request) => {
  const memoryId = parseMemoryId(request.labels.memoryId)
  const body = request.body
  const validator = new Validator()
  const actorId = validator.string(body.actorId, 'actorId', actorIdRule)
  const timestampMs = validator.timestamp(body.eventTimestamp, 'eventTimestamp', true)
  const payload = validatePayload(validator, body.payload, 'payload')
  const sessionId = validator.string(body.sessionId, 'sessionId', { ...sessionIdRule, required: false })
  const branch = validator.object(body.branch, 'branch')
  const branchName = branch === undefined ? 'main' : validator.string(branch.name, 'branch.name', branchNameRule)
  const rootEventId =
    branch === undefined
      ? undefined
      : validator.string(branch.rootEventId, 'branch.rootEventId', { ...eventIdRule, required: false })
  const clientToken = validator.string(body.clientToken, 'clientToken', clientTokenRule)
  const metadata = validateMetadataMap(validator, body.metadata, 'metadata')
  const extractionMode = validator.string(body.extractionMode, 'extractionMode', { values: ['SKIP'] })
  const extractionConfig = validateExtractionConfig(validator, body.extractionConfig)
  validator.throwIfInvalid()
  request.logFields.memoryId = memoryId
  if (actorId !== undefined) request.logFields.actorId = actorId
  if (sessionId !== undefined) request.logFields.sessionId = sessionId
  if (clientToken !== undefined) request.logFields.clientToken = clientToken
  const memory = context.memories.require(memoryId)

  const response = withClientToken(
    context.db,
    { memoryId, operation: 'CreateEvent', token: clientToken },
    { ...body, clientToken: undefined },
    () => {
      const resolvedSessionId = sessionId ?? randomUUID()
      if (rootEventId !== undefined) {
        checkRootEvent(context.db, memoryId, actorId as string, resolvedSessionId, rootEventId)
      }
      const row: EventRow = {
        memory_id: memoryId,
        actor_id: actorId as string,
        session_id: resolvedSessionId,
        event_id: formatEventId(timestampMs as number),
        timestamp_ms: timestampMs as number,
        branch_name: branchName as string,
        root_event_id: rootEventId ?? null,
        payload: JSON.stringify(payload),
        metadata: metadata === undefined ? null : JSON.stringify(metadata),
        extraction_mode: extractionMode ?? null,
        extraction_config: extractionConfig === undefined ? null : JSON.stringify(extractionConfig),
        received_at_ms: request.now,
      }
      insertEvent(context, row)
      return { status: 201, body: { event: eventFromRow(row, true) } }
    },
  )
  const stored = (response.body as { event?: { sessionId?: string } }).event
  if (stored?.sessionId !== undefined) request.logFields.sessionId = stored.sessionId
  const wantsExtraction = extractionMode !== 'SKIP' && memory.strategies.length > 0
  if (wantsExtraction) context.notifyExtraction(memoryId)
  return response
}

function insertEvent(context: Parameters<OperationHandler>[0], row: EventRow): void {
  // Two events of one session in the same millisecond differ only by the random suffix;
  // a collision of the 32-bit suffix draws a new one.
  for (let attempt = 0; ; attempt += 1) {
    const clash = context.db.get<{ found: number }>(
      'SELECT 1 AS found FROM events WHERE memory_id = ? AND actor_id = ? AND session_id = ? AND event_id = ?',
      row.memory_id,
      row.actor_id,
      row.session_id,
      row.event_id,
    )
    if (clash === undefined || attempt > 5) break
    row.event_id = formatEventId(row.timestamp_ms)
  }
  context.db.run(
    `INSERT INTO events (memory_id, actor_id, session_id, event_id, timestamp_ms, branch_name, root_event_id, payload,
       metadata, extraction_mode, extraction_config, received_at_ms, extracted)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    row.memory_id,
    row.actor_id,
    row.session_id,
    row.event_id,
    row.timestamp_ms,
    row.branch_name,
    row.root_event_id,
    row.payload,
    row.metadata,
    row.extraction_mode,
    row.extraction_config,
    row.received_at_ms,
    row.extraction_mode === 'SKIP' ? 1 : 0,
  )
  context.db.run(
    'INSERT OR IGNORE INTO sessions (memory_id, actor_id, session_id, created_at_ms) VALUES (?, ?, ?, ?)',
    row.memory_id,
    row.actor_id,
    row.session_id,
    row.received_at_ms,
  )
}

function checkRootEvent(
  db: Parameters<OperationHandler>[0]['db'],
  memoryId: string,
  actorId: string,
  sessionId: string,
  rootEventId: string,
): void {
  const owner = db.get<{ session_id: string }>(
    'SELECT session_id FROM events WHERE memory_id = ? AND actor_id = ? AND event_id = ? ORDER BY session_id = ? DESC LIMIT 1',
    memoryId,
    actorId,
    rootEventId,
    sessionId,
  )
  if (owner === undefined) throw notFound(`Unable to find root event with id ${rootEventId} in session ${sessionId}.`)
  if (owner.session_id !== sessionId) {
    throw plainValidationError(
      `The root event ${rootEventId} belongs to another session than ${sessionId}. Fork from an event of the same session.`,
      'EventInOtherSession',
    )
  }
}

/** Validates a `PayloadType` list and returns it unchanged when valid. */
export function validatePayload(validator: Validator, value: unknown, path: string): unknown[] | undefined {
  const items = validator.list(value, path, { required: true, max: maxPayloadItems })
  if (items === undefined) return undefined
  items.forEach((item, index) => {
    validatePayloadItem(validator, item, `${path}.${index}`, true)
  })
  return items
}

/**
 * Validates one payload union member. `allowBlob` is false for `IngestData`,
 * which takes conversational and json items only.
 */
export function validatePayloadItem(validator: Validator, item: unknown, path: string, allowBlob: boolean): void {
  const union = validator.object(item, path, true)
  if (union === undefined) return
  const members = Object.keys(union).filter((key) => union[key] !== undefined && union[key] !== null)
  const allowed = allowBlob ? ['conversational', 'blob', 'json'] : ['conversational', 'json']
  const known = members.filter((key) => allowed.includes(key))
  if (known.length !== 1 || members.length !== 1) {
    validator.fail(path, `Member must set exactly one of: ${allowed.join(', ')}`, members.join(','))
    return
  }
  const kind = known[0]
  if (kind === 'conversational') {
    const conversational = validator.object(union.conversational, `${path}.conversational`, true)
    if (conversational === undefined) return
    const content = validator.object(conversational.content, `${path}.conversational.content`, true)
    if (content !== undefined) {
      validator.string(content.text, `${path}.conversational.content.text`, {
        required: true,
        min: 1,
        max: maxConversationalTextLength,
        sensitive: true,
      })
    }
    validator.string(conversational.role, `${path}.conversational.role`, { required: true, values: roles })
  } else if (kind === 'json') {
    const json = validator.object(union.json, `${path}.json`, true)
    if (json === undefined) return
    if (!validator.present(json.content, `${path}.json.content`)) return
    const size = Buffer.byteLength(JSON.stringify(json.content))
    if (size > maxJsonPayloadBytes) {
      validator.fail(
        `${path}.json.content`,
        `Member must have size less than or equal to ${maxJsonPayloadBytes} bytes`,
        undefined,
        true,
      )
    }
  }
}

/** Validates `extractionConfig` (`{ namespaceVariables: { key: value } }`) and returns it. */
export function validateExtractionConfig(
  validator: Validator,
  value: unknown,
): { namespaceVariables?: Record<string, string> } | undefined {
  const config = validator.object(value, 'extractionConfig')
  if (config === undefined) return undefined
  const variables = validator.object(config.namespaceVariables, 'extractionConfig.namespaceVariables')
  if (variables === undefined) return {}
  const result: Record<string, string> = {}
  for (const [key, variable] of Object.entries(variables)) {
    validator.string(key, 'extractionConfig.namespaceVariables.key', { min: 1, max: 128, pattern: /^[a-zA-Z0-9_]+$/ })
    const text = validator.string(variable, `extractionConfig.namespaceVariables.${key}`, {
      required: true,
      min: 1,
      max: 256,
      pattern: /^[a-zA-Z0-9\-_/:]+$/,
    })
    if (text !== undefined) result[key] = text
  }
  return { namespaceVariables: result }
}
