/** An events table row. */
export interface EventRow {
  memory_id: string
  actor_id: string
  session_id: string
  event_id: string
  timestamp_ms: number
  branch_name: string
  root_event_id: string | null
  payload: string
  metadata: string | null
  extraction_mode: string | null
  extraction_config: string | null
  received_at_ms: number
}

/** Converts epoch milliseconds to the epoch seconds that AWS JSON timestamps use. */
export function toEpochSeconds(ms: number): number {
  return ms / 1000
}

/** Builds the wire `Event` structure of a row. */
export function eventFromRow(row: EventRow, includePayload: boolean): Record<string, unknown> {
  const event: Record<string, unknown> = {
    memoryId: row.memory_id,
    actorId: row.actor_id,
    sessionId: row.session_id,
    eventId: row.event_id,
    eventTimestamp: toEpochSeconds(row.timestamp_ms),
  }
  if (includePayload) event.payload = JSON.parse(row.payload)
  event.branch =
    row.root_event_id === null ? { name: row.branch_name } : { name: row.branch_name, rootEventId: row.root_event_id }
  if (row.metadata !== null) event.metadata = JSON.parse(row.metadata)
  return event
}

/**
 * Serializes the wire `Event` of a row to JSON text, splicing in the stored
 * payload and metadata JSON without parsing them. The key order matches `eventFromRow`.
 */
export function eventJsonFromRow(row: EventRow, includePayload: boolean): string {
  const branch =
    row.root_event_id === null
      ? `{"name":${JSON.stringify(row.branch_name)}}`
      : `{"name":${JSON.stringify(row.branch_name)},"rootEventId":${JSON.stringify(row.root_event_id)}}`
  let json = `{"memoryId":${JSON.stringify(row.memory_id)},"actorId":${JSON.stringify(row.actor_id)},"sessionId":${JSON.stringify(row.session_id)},"eventId":${JSON.stringify(row.event_id)},"eventTimestamp":${toEpochSeconds(row.timestamp_ms)}`
  if (includePayload) json += `,"payload":${row.payload}`
  json += `,"branch":${branch}`
  if (row.metadata !== null) json += `,"metadata":${row.metadata}`
  return `${json}}`
}

/** Returns the earliest arrival time, in epoch milliseconds, of events that have not expired. */
export function expiryCutoff(now: number, eventExpiryDays: number): number {
  return now - eventExpiryDays * 86_400_000
}
