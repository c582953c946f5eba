import { extractForStrategy, type MessageReference, messagesOfPayload } from '../extraction/run-extraction'
import { notFound } from '../internal/api-error'
import {
  actorIdRule,
  clientTokenRule,
  memoryStrategyIdRule,
  paginationTokenRule,
  parseMemoryId,
  sessionIdRule,
} from '../internal/constraints'
import type { EventRow } from '../internal/event-row'
import { withClientToken } from '../internal/idempotency'
import type { OperationHandler } from '../internal/operation'
import { decodeToken, encodeToken } from '../internal/pagination'
import { Validator } from '../internal/validator'

interface JobRow {
  job_id: string
  memory_id: string
  strategy_id: string
  actor_id: string
  session_id: string
  messages: string
  namespace_variables: string
  failure_reason: string
  created_at_ms: number
}

/**
 * `ListMemoryExtractionJobs`: `POST /memories/{memoryId}/extractionJobs`.
 * Lists failed extraction jobs, the ones that `StartMemoryExtractionJob` can
 * restart, oldest first. Jobs fail only through the `extractionFailureRate` fault.
 */
export const listMemoryExtractionJobs: OperationHandler = (context, request) => {
  const memoryId = parseMemoryId(request.labels.memoryId)
  const body = request.body
  const validator = new Validator()
  const maxResults = validator.number(body.maxResults, 'maxResults', { integer: true, min: 1, max: 50 }) ?? 20
  const nextToken = validator.string(body.nextToken, 'nextToken', paginationTokenRule)
  const filter = validator.object(body.filter, 'filter')
  const strategyId =
    filter === undefined ? undefined : validator.string(filter.strategyId, 'filter.strategyId', memoryStrategyIdRule)
  const sessionId =
    filter === undefined
      ? undefined
      : validator.string(filter.sessionId, 'filter.sessionId', { ...sessionIdRule, required: false })
  const actorId =
    filter === undefined
      ? undefined
      : validator.string(filter.actorId, 'filter.actorId', { ...actorIdRule, required: false })
  if (filter !== undefined) validator.string(filter.status, 'filter.status', { values: ['FAILED'] })
  validator.throwIfInvalid()
  request.logFields.memoryId = memoryId
  const cursor = decodeToken('ListMemoryExtractionJobs', nextToken) as [number, string] | undefined
  context.memories.require(memoryId)

  const rows = context.db
    .all<JobRow>('SELECT * FROM extraction_jobs WHERE memory_id = ? ORDER BY created_at_ms, job_id', memoryId)
    .filter((row) => strategyId === undefined || row.strategy_id === strategyId)
    .filter((row) => sessionId === undefined || row.session_id === sessionId)
    .filter((row) => actorId === undefined || row.actor_id === actorId)
    .filter(
      (row) =>
        cursor === undefined ||
        row.created_at_ms > cursor[0] ||
        (row.created_at_ms === cursor[0] && row.job_id > cursor[1]),
    )
  const page = rows.slice(0, maxResults)
  const output: Record<string, unknown> = {
    jobs: page.map((row) => ({
      jobID: row.job_id,
      messages: { messagesList: JSON.parse(row.messages) as MessageReference[] },
      status: 'FAILED',
      failureReason: row.failure_reason,
      strategyId: row.strategy_id,
      sessionId: row.session_id,
      actorId: row.actor_id,
    })),
  }
  const last = page.at(-1)
  if (rows.length > maxResults && last !== undefined) {
    output.nextToken = encodeToken('ListMemoryExtractionJobs', [last.created_at_ms, last.job_id])
  }
  return { status: 200, body: output }
}

/**
 * `StartMemoryExtractionJob`: `POST /memories/{memoryId}/extractionJobs/start`.
 * Re-runs a failed job's strategy over its messages at once and removes the job.
 */
export const startMemoryExtractionJob: OperationHandler = (context, request) => {
  const memoryId = parseMemoryId(request.labels.memoryId)
  const body = request.body
  const validator = new Validator()
  const job = validator.object(body.extractionJob, 'extractionJob', true)
  const jobId =
    job === undefined
      ? undefined
      : validator.string(job.jobId, 'extractionJob.jobId', { required: true, min: 1, max: 256 })
  const clientToken = validator.string(body.clientToken, 'clientToken', clientTokenRule)
  validator.throwIfInvalid()
  request.logFields.memoryId = memoryId
  if (clientToken !== undefined) request.logFields.clientToken = clientToken
  const memory = context.memories.require(memoryId)

  return withClientToken(
    context.db,
    { memoryId, operation: 'StartMemoryExtractionJob', token: clientToken },
    { ...body, clientToken: undefined },
    () => {
      const row = context.db.get<JobRow>(
        'SELECT * FROM extraction_jobs WHERE memory_id = ? AND job_id = ?',
        memoryId,
        jobId as string,
      )
      if (row === undefined) throw notFound(`Extraction job not found: ${jobId}`)
      const strategy = memory.strategies.find((candidate) => candidate.id === row.strategy_id)
      if (strategy !== undefined) {
        const references = JSON.parse(row.messages) as MessageReference[]
        const eventIds = [...new Set(references.map((reference) => reference.eventId))]
        const messages = eventIds.flatMap((eventId) => {
          const event = context.db.get<EventRow>(
            'SELECT * FROM events WHERE memory_id = ? AND actor_id = ? AND session_id = ? AND event_id = ?',
            memoryId,
            row.actor_id,
            row.session_id,
            eventId,
          )
          return event === undefined ? [] : messagesOfPayload(event.payload, event.event_id, [])
        })
        const input = {
          actorId: row.actor_id,
          sessionId: row.session_id,
          namespaceVariables: JSON.parse(row.namespace_variables) as Record<string, string>,
          messages,
          references,
        }
        extractForStrategy(context, memoryId, strategy, input, request.now, true)
      }
      context.db.run('DELETE FROM extraction_jobs WHERE job_id = ?', row.job_id)
      return { status: 200, body: { jobId: row.job_id } }
    },
  )
}
