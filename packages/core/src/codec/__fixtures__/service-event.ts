import type { Event, PayloadType } from '@aws-sdk/client-bedrock-agentcore'

/**
 * Builds an event as the AWS SDK returns it from ListEvents, for tests. The eventId carries the timestamp's
 * milliseconds, zero-padded to 19 digits, as the service's ids do.
 */
export function serviceEvent(
  timestampMs: number,
  payload: PayloadType[],
  metadata: Record<string, string> = {},
  suffix = '0a1b2c3d',
): Event {
  const event: Event = {
    memoryId: 'TestMemory-abcdefghij',
    actorId: 'user-1',
    sessionId: 'session-1',
    eventId: `${String(timestampMs).padStart(19, '0')}#${suffix}`,
    eventTimestamp: new Date(timestampMs),
    payload,
    branch: { name: 'main' },
  }
  const entries = Object.entries(metadata)
  if (entries.length > 0) {
    event.metadata = Object.fromEntries(entries.map(([key, value]) => [key, { stringValue: value }]))
  }
  return event
}
