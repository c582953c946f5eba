import { randomUUID } from 'node:crypto'
import type { Chaos } from '../internal/chaos'
import type { EventRow } from '../internal/event-row'
import type { Strategy } from '../internal/memory-registry'
import type { OperationContext } from '../internal/operation'
import { consolidate } from './consolidation'
import { type ExtractionMessage, extractFacts, extractPreferences, summarize } from './extractors'

/** Reference of one extracted message, as `ListMemoryExtractionJobs` reports it. */
export interface MessageReference {
  eventId: string
  messageIndex: number
}

/** Messages of one actor and session that extraction reads together. */
export interface ExtractionInput {
  actorId: string
  sessionId: string
  namespaceVariables: Record<string, string>
  messages: ExtractionMessage[]
  references: MessageReference[]
}

interface IngestRow {
  ingest_id: number
  actor_id: string
  session_id: string
  payload: string
  extraction_config: string | null
}

// Bounds one pass, so that a large backlog is worked off in several passes
// with requests served in between.
const maxEventsPerPass = 2000
// Messages of a session that the summary strategy reads, newest last.
const summaryWindowEvents = 200

/**
 * Extracts long-term memory records from the unprocessed events and ingested
 * data of one memory, per configured strategy, and marks them processed.
 * Returns whether unprocessed input remains.
 */
export function runExtraction(context: OperationContext, chaos: Chaos, memoryId: string, now: number): boolean {
  const memory = context.memories.find(memoryId)
  if (memory === undefined) return false
  const db = context.db
  const events = db.all<EventRow>(
    'SELECT * FROM events WHERE memory_id = ? AND extracted = 0 ORDER BY actor_id, session_id, event_id LIMIT ?',
    memoryId,
    maxEventsPerPass,
  )
  const ingests = db.all<IngestRow>(
    'SELECT ingest_id, actor_id, session_id, payload, extraction_config FROM ingests WHERE memory_id = ? AND extracted = 0 ORDER BY ingest_id LIMIT ?',
    memoryId,
    maxEventsPerPass,
  )
  if (events.length === 0 && ingests.length === 0) return false

  db.transaction(() => {
    for (const input of groupEvents(events)) {
      for (const strategy of memory.strategies) {
        if (chaos.drawExtractionFailure()) {
          recordFailedJob(context, memoryId, strategy, input, now)
          continue
        }
        extractForStrategy(context, memoryId, strategy, input, now, true)
      }
    }
    for (const row of ingests) {
      const input: ExtractionInput = {
        actorId: row.actor_id,
        sessionId: row.session_id,
        namespaceVariables: namespaceVariablesOf(row.extraction_config),
        messages: messagesOfPayload(row.payload, 'ingest', []),
        references: [],
      }
      for (const strategy of memory.strategies) extractForStrategy(context, memoryId, strategy, input, now, false)
    }
    for (const event of events) {
      db.run(
        'UPDATE events SET extracted = 1 WHERE memory_id = ? AND actor_id = ? AND session_id = ? AND event_id = ?',
        memoryId,
        event.actor_id,
        event.session_id,
        event.event_id,
      )
    }
    for (const row of ingests) db.run('UPDATE ingests SET extracted = 1 WHERE ingest_id = ?', row.ingest_id)
  })
  const remaining = events.length === maxEventsPerPass || ingests.length === maxEventsPerPass
  if (remaining) context.notifyExtraction(memoryId)
  return remaining
}

/**
 * Runs one strategy over one input and consolidates the results. For events,
 * the summary strategy reads the whole recent session, not only the new
 * messages, because it rewrites the session's summary.
 */
export function extractForStrategy(
  context: OperationContext,
  memoryId: string,
  strategy: Strategy,
  input: ExtractionInput,
  now: number,
  fromEvents: boolean,
): void {
  const namespace = resolveNamespace(strategy, input)
  if (namespace === undefined) {
    context.logger?.warn(
      { memoryId, strategyId: strategy.id, template: strategy.namespace },
      'Skipped extraction: the namespace template has a placeholder without a value. Pass it in extractionConfig.namespaceVariables.',
    )
    return
  }
  const target = { memoryId, strategyId: strategy.id, namespace, kind: strategy.type }
  if (strategy.type === 'semantic') {
    for (const fact of extractFacts(input.messages)) consolidate(context.db, target, fact, now)
  } else if (strategy.type === 'userPreference') {
    for (const preference of extractPreferences(input.messages)) consolidate(context.db, target, preference, now)
  } else {
    const messages = fromEvents ? sessionMessages(context, memoryId, input) : input.messages
    const summary = summarize(messages)
    if (summary !== undefined) consolidate(context.db, target, summary, now)
  }
}

function resolveNamespace(strategy: Strategy, input: ExtractionInput): string | undefined {
  let unresolved = false
  const namespace = strategy.namespace.replace(/\{([a-zA-Z0-9_]+)\}/g, (_placeholder, key: string) => {
    if (key === 'actorId') return input.actorId
    if (key === 'sessionId') return input.sessionId
    if (key === 'memoryStrategyId') return strategy.id
    const value = input.namespaceVariables[key]
    if (value === undefined) unresolved = true
    return value ?? ''
  })
  return unresolved ? undefined : namespace
}

function groupEvents(events: EventRow[]): ExtractionInput[] {
  const groups = new Map<string, ExtractionInput>()
  for (const event of events) {
    if (event.extraction_mode === 'SKIP') continue
    const key = `${event.actor_id}\u0000${event.session_id}\u0000${event.extraction_config ?? ''}`
    let group = groups.get(key)
    if (group === undefined) {
      group = {
        actorId: event.actor_id,
        sessionId: event.session_id,
        namespaceVariables: namespaceVariablesOf(event.extraction_config),
        messages: [],
        references: [],
      }
      groups.set(key, group)
    }
    group.messages.push(...messagesOfPayload(event.payload, event.event_id, group.references))
  }
  return [...groups.values()]
}

/**
 * Turns payload items into extraction messages. `blob` items are skipped, as
 * the service never extracts them; `json` items are flattened to their string
 * values and read as user input.
 */
export function messagesOfPayload(
  payloadJson: string,
  eventId: string,
  references: MessageReference[],
): ExtractionMessage[] {
  const items = JSON.parse(payloadJson) as Record<string, unknown>[]
  const messages: ExtractionMessage[] = []
  items.forEach((item, messageIndex) => {
    const conversational = item.conversational as { content?: { text?: unknown }; role?: unknown } | undefined
    if (conversational !== undefined && typeof conversational.content?.text === 'string') {
      messages.push({ role: conversational.role as ExtractionMessage['role'], text: conversational.content.text })
      references.push({ eventId, messageIndex })
      return
    }
    const json = item.json as { content?: unknown } | undefined
    if (json !== undefined) {
      const text = flattenStrings(json.content).join('. ')
      if (text.length > 0) {
        messages.push({ role: 'USER', text })
        references.push({ eventId, messageIndex })
      }
    }
  })
  return messages
}

function flattenStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(flattenStrings)
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(flattenStrings)
  return []
}

function sessionMessages(context: OperationContext, memoryId: string, input: ExtractionInput): ExtractionMessage[] {
  const rows = context.db.all<Pick<EventRow, 'event_id' | 'payload'>>(
    `SELECT event_id, payload FROM (
       SELECT event_id, payload FROM events WHERE memory_id = ? AND actor_id = ? AND session_id = ?
       AND (extraction_mode IS NULL OR extraction_mode != 'SKIP') ORDER BY event_id DESC LIMIT ?
     ) ORDER BY event_id`,
    memoryId,
    input.actorId,
    input.sessionId,
    summaryWindowEvents,
  )
  return rows.flatMap((row) => messagesOfPayload(row.payload, row.event_id, []))
}

function namespaceVariablesOf(extractionConfig: string | null): Record<string, string> {
  if (extractionConfig === null) return {}
  const parsed = JSON.parse(extractionConfig) as { namespaceVariables?: Record<string, string> }
  return parsed.namespaceVariables ?? {}
}

function recordFailedJob(
  context: OperationContext,
  memoryId: string,
  strategy: Strategy,
  input: ExtractionInput,
  now: number,
): void {
  const jobId = randomUUID()
  context.db.run(
    'INSERT INTO extraction_jobs (job_id, memory_id, strategy_id, actor_id, session_id, messages, namespace_variables, failure_reason, created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    jobId,
    memoryId,
    strategy.id,
    input.actorId,
    input.sessionId,
    JSON.stringify(input.references),
    JSON.stringify(input.namespaceVariables),
    'Extraction failed (injected fault). Restart the job with StartMemoryExtractionJob.',
    now,
  )
  context.logger?.warn({ memoryId, strategyId: strategy.id, jobId }, 'Injected an extraction failure.')
}
