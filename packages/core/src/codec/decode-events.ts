import type { Event, PayloadType } from '@aws-sdk/client-bedrock-agentcore'
import type { JsonValue } from '../json'
import { readConversational } from './conversational-reader'
import { documentToJson } from './document-json'
import { AGENT_STATE_TYPE } from './encode-agent-state'
import { isPlainObject } from './message-shape'
import { isNativeBlob, isNativeMessageBlob, readNativeBlob } from './native-reader'
import { parseJson } from './parse-json'
import { readPythonBlob } from './python-reader'
import type { ItemResult } from './read-result'
import type { DecodedMessage, DecodedState, SkippedEvent } from './types'

/** Result of `decodeEvents`. */
export interface DecodeResult {
  /** Restored messages of the agent, oldest first. */
  messages: DecodedMessage[]
  /** The newest agent state of the agent, when there is one. */
  state?: DecodedState
  /** Events and payload items that could not be read, in event order. */
  skipped: SkippedEvent[]
}

/**
 * Decodes events (given OLDEST FIRST) into messages and the newest agent state for `agentId`.
 *
 * Reads the native layout and the Python SDK v1.22 layout. The Python layout covers conversational
 * `SessionMessage` envelopes, `[text, role]` blobs, bytes markers, `stateType=AGENT` state events and legacy state
 * blobs without metadata. It also reads OpenAI chat messages stored by the Python SDK's OpenAI converter, and plain
 * conversational events from other tools.
 * Events tagged with another `agentId` are left out, and events with no `agentId` belong to every agent. Events
 * with another `stateType` (such as the Python SDK's `SESSION` marker) contain no messages and are passed over.
 *
 * When two native messages share an id (a replacement written before the original was deleted), the message keeps
 * the first one's position and takes the later one's content and event id.
 *
 * Byte fields come back as `Uint8Array`. Never throws on bad data: a malformed event or item is listed in
 * `skipped`, and the good items around it are kept.
 */
export function decodeEvents(events: Event[], options: { agentId: string }): DecodeResult {
  const messages: DecodedMessage[] = []
  const positionById = new Map<string, number>()
  const skipped: SkippedEvent[] = []
  let state: DecodedState | undefined

  for (const event of events) {
    const eventId = typeof event?.eventId === 'string' ? event.eventId : ''
    if (eventId === '') {
      skipped.push({ eventId: '', reason: 'The event has no eventId.' })
      continue
    }

    const eventAgentId = event.metadata?.agentId?.stringValue
    if (eventAgentId !== undefined && eventAgentId !== options.agentId) continue

    const stateType = event.metadata?.stateType?.stringValue
    if (stateType !== undefined && stateType !== AGENT_STATE_TYPE) continue

    const payload = event.payload
    if (!Array.isArray(payload)) {
      skipped.push({ eventId, reason: 'The event has no payload; list events with includePayloads set to true.' })
      continue
    }

    const timestamp = eventTimestamp(event, eventId)

    payload.forEach((_item, index) => {
      const result = readItem(payload, index, stateType === AGENT_STATE_TYPE)
      if (result === undefined) return

      if (result.kind === 'invalid') {
        skipped.push({ eventId, reason: `Payload item ${index}: ${result.reason}.` })
        return
      }

      if (result.kind === 'state') {
        if (result.agentId !== undefined && result.agentId !== options.agentId) return
        state = { state: result.state, eventId, timestamp }
        return
      }

      if (result.kind !== 'message') return
      if (stateType === AGENT_STATE_TYPE) {
        skipped.push({ eventId, reason: `Payload item ${index}: a message in an agent-state event.` })
        return
      }

      const id = result.id ?? `${eventId}/${index}`
      const decoded: DecodedMessage = { id, eventId, timestamp, message: result.message }
      const earlier = positionById.get(id)
      if (earlier === undefined) {
        positionById.set(id, messages.length)
        messages.push(decoded)
      } else {
        messages[earlier] = decoded
      }
    })
  }

  return state === undefined ? { messages, skipped } : { messages, state, skipped }
}

/**
 * Reads the payload item at `index`. Returns undefined for a conversational item that mirrors the native message
 * blob right after it, since the blob restores that message.
 */
function readItem(payload: PayloadType[], index: number, inStateEvent: boolean): ItemResult | undefined {
  const item = payload[index]
  if (!isPlainObject(item)) return { kind: 'invalid', reason: 'the payload item is not an object' }

  if (item.conversational !== undefined) {
    if (isNativeMessageBlob(payload[index + 1]?.blob as JsonValue | undefined)) return undefined
    return readConversational(item.conversational)
  }

  if (item.blob !== undefined) return readBlob(item.blob as JsonValue, inStateEvent)
  if (item.json !== undefined) return { kind: 'invalid', reason: 'json payload items contain no messages' }
  return { kind: 'invalid', reason: 'the payload item has an unknown type' }
}

function readBlob(blob: JsonValue, inStateEvent: boolean): ItemResult {
  const value = typeof blob === 'string' ? parseJson(blob) : documentToJson(blob)
  if (value === undefined) return { kind: 'invalid', reason: 'the blob is a string that is not JSON' }

  if (isNativeBlob(value)) return readNativeBlob(value)

  const python = readPythonBlob(value)
  if (python !== undefined) return python

  return {
    kind: 'invalid',
    reason: inStateEvent
      ? 'the agent-state blob has an unknown shape'
      : 'the blob contains no message in a known layout',
  }
}

/** Returns the event's timestamp in epoch milliseconds, falling back to the milliseconds that begin its eventId. */
function eventTimestamp(event: Event, eventId: string): number {
  const value = event.eventTimestamp
  if (value instanceof Date && Number.isFinite(value.getTime())) return value.getTime()
  const prefix = /^(\d+)#/.exec(eventId)?.[1]
  return prefix === undefined ? 0 : Number(prefix)
}
