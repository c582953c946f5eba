import { randomUUID } from 'node:crypto'
import {
  actorIdRule,
  clientTokenRule,
  maxPayloadItems,
  parseMemoryId,
  sessionIdRule,
  validateMetadataMap,
} from '../internal/constraints'
import { withClientToken } from '../internal/idempotency'
import type { OperationHandler } from '../internal/operation'
import { Validator } from '../internal/validator'
import { validateExtractionConfig, validatePayloadItem } from './create-event'

/**
 * `IngestData`: `POST /memories/{memoryId}/ingest` → 202. Queues the payload
 * for long-term extraction without creating short-term events.
 */
export const ingestData: OperationHandler = (context, request) => {
  const memoryId = parseMemoryId(request.labels.memoryId)
  const body = request.body
  const validator = new Validator()
  const source = validator.object(body.source, 'source', true)
  const inline = source === undefined ? undefined : validator.object(source.inline, 'source.inline', true)
  const payload =
    inline === undefined
      ? undefined
      : validator.list(inline.payload, 'source.inline.payload', { required: true, min: 1, max: maxPayloadItems })
  payload?.forEach((item, index) => {
    validatePayloadItem(validator, item, `source.inline.payload.${index}`, false)
  })
  const timestampMs = validator.timestamp(body.contentTimestamp, 'contentTimestamp', true)
  const actorId = validator.string(body.actorId, 'actorId', actorIdRule)
  const sessionId = validator.string(body.sessionId, 'sessionId', { ...sessionIdRule, required: false })
  const extractionConfig = validateExtractionConfig(validator, body.extractionConfig)
  validateMetadataMap(validator, body.metadata, 'metadata')
  const clientToken = validator.string(body.clientToken, 'clientToken', clientTokenRule)
  validator.throwIfInvalid()
  request.logFields.memoryId = memoryId
  request.logFields.actorId = actorId as string
  if (clientToken !== undefined) request.logFields.clientToken = clientToken
  context.memories.require(memoryId)

  const response = withClientToken(
    context.db,
    { memoryId, operation: 'IngestData', token: clientToken },
    { ...body, clientToken: undefined },
    () => {
      const resolvedSessionId = sessionId ?? randomUUID()
      context.db.run(
        'INSERT INTO ingests (memory_id, actor_id, session_id, timestamp_ms, payload, extraction_config) VALUES (?, ?, ?, ?, ?, ?)',
        memoryId,
        actorId as string,
        resolvedSessionId,
        timestampMs as number,
        JSON.stringify(payload),
        extractionConfig === undefined ? null : JSON.stringify(extractionConfig),
      )
      return { status: 202, body: { sessionId: resolvedSessionId } }
    },
  )
  context.notifyExtraction(memoryId)
  return response
}
