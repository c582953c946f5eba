import { CreateEventCommand, DeleteEventCommand, type PayloadType } from '@aws-sdk/client-bedrock-agentcore'
import type { DurableEvent } from '../executor/executor'
import { tracedWrite } from '../observability/channels'
import type { EventMetadata } from './metadata'
import type { WriteContext } from './write-context'

/** One prepared CreateEvent: fixed at the first attempt and resent unchanged on retries. */
export interface PreparedEvent {
  payload: PayloadType[]
  timestampMs: number
  clientToken: string
  metadata: EventMetadata
}

/** Sends a prepared CreateEvent and returns the new event id. */
export async function sendCreateEvent(context: WriteContext, event: PreparedEvent, attempt: number): Promise<string> {
  const { client, memoryId, actorId, sessionId } = context
  const output = await tracedWrite(
    { operation: 'CreateEvent', memoryId, actorId, sessionId, payloadItems: event.payload.length, attempt },
    () =>
      client.send(
        new CreateEventCommand({
          memoryId,
          actorId,
          sessionId,
          eventTimestamp: new Date(event.timestampMs),
          payload: event.payload,
          clientToken: event.clientToken,
          ...(Object.keys(event.metadata).length === 0 ? {} : { metadata: event.metadata }),
        }),
      ),
  )
  const eventId = output.event?.eventId
  if (eventId === undefined) {
    throw new Error('CreateEvent returned no event id')
  }
  return eventId
}

/** Deletes one event. */
export async function sendDeleteEvent(context: WriteContext, eventId: string, attempt: number): Promise<void> {
  const { client, memoryId, actorId, sessionId } = context
  await tracedWrite({ operation: 'DeleteEvent', memoryId, actorId, sessionId, attempt }, () =>
    client.send(new DeleteEventCommand({ memoryId, actorId, sessionId, eventId })),
  )
}

/** Describes a prepared CreateEvent as the plain request that a durable outbox journals. */
export function toDurableEvent(context: WriteContext, event: PreparedEvent): DurableEvent {
  const { memoryId, actorId, sessionId } = context
  return {
    memoryId,
    actorId,
    sessionId,
    timestampMs: event.timestampMs,
    payload: event.payload,
    clientToken: event.clientToken,
    ...(Object.keys(event.metadata).length === 0 ? {} : { metadata: event.metadata }),
  }
}
