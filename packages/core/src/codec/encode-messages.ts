import type { PayloadType } from '@aws-sdk/client-bedrock-agentcore'
import { AgentCoreSessionError } from '../errors/agentcore-session-error'
import { InvalidBytesError } from './bytes'
import { MAX_PAYLOAD_ITEMS, MAX_REQUEST_BYTES, payloadItemBytes, REQUEST_ENVELOPE_BYTES } from './limits'
import { encodeNativeMessage } from './native-layout'
import { PayloadTooLargeError } from './payload-too-large-error'
import { encodePythonMessage } from './python-layout'
import type { EncodedEvent, EncodeOptions, OutgoingMessage } from './types'

/**
 * Encodes messages into the payloads of one or more CreateEvent calls, in order.
 *
 * Drops empty and whitespace-only text blocks; a message left with no content is listed in `skippedIds` and not
 * written. A message's payload items always stay in one event. A new event starts when the next message would take
 * the event over 100 payload items or over the request-size limit (10 MB, an estimate, minus room for the other
 * request fields).
 *
 * @throws {PayloadTooLargeError} code `PAYLOAD_TOO_LARGE`, before any call, when a single message cannot fit in
 *   one request; the error names the limit and the message id, never the content.
 * @throws {AgentCoreSessionError} code `INVALID_MESSAGE` when a byte field contains a string that is not base64.
 */
export function encodeMessages(
  messages: OutgoingMessage[],
  options: EncodeOptions,
): { events: EncodedEvent[]; skippedIds: string[] } {
  const now = options.now ?? Date.now()
  const payloadBudget = MAX_REQUEST_BYTES - REQUEST_ENVELOPE_BYTES
  const single: EncodedEvent[] = []
  const skippedIds: string[] = []

  for (const outgoing of messages) {
    const items = encodeOne(outgoing, options, now)
    if (items === undefined) {
      skippedIds.push(outgoing.id)
      continue
    }

    const payloadBytes = items.reduce((total, item) => total + payloadItemBytes(item), 0)
    if (payloadBytes > payloadBudget) {
      throw new PayloadTooLargeError({
        limit: 'requestBytes',
        maximum: payloadBudget,
        actual: payloadBytes,
        messageId: outgoing.id,
      })
    }
    single.push({ payload: items, messageIds: [outgoing.id], payloadBytes })
  }

  return { events: packEvents(single), skippedIds }
}

/**
 * Joins encoded events, in order, into as few CreateEvent payloads as the limits allow: a new event starts when
 * the next one would take it over 100 payload items or over the request-size budget. The items of one input event
 * stay together, so messages that were encoded one by one can leave together without being encoded again. The
 * input events are not changed.
 */
export function packEvents(events: readonly EncodedEvent[]): EncodedEvent[] {
  const payloadBudget = MAX_REQUEST_BYTES - REQUEST_ENVELOPE_BYTES
  const packed: EncodedEvent[] = []
  let current: EncodedEvent | undefined

  for (const event of events) {
    const fits =
      current !== undefined &&
      current.payload.length + event.payload.length <= MAX_PAYLOAD_ITEMS &&
      current.payloadBytes + event.payloadBytes <= payloadBudget
    if (current !== undefined && fits) {
      current.payload.push(...event.payload)
      current.messageIds.push(...event.messageIds)
      current.payloadBytes += event.payloadBytes
      continue
    }

    current = { payload: [...event.payload], messageIds: [...event.messageIds], payloadBytes: event.payloadBytes }
    packed.push(current)
  }
  return packed
}

function encodeOne(outgoing: OutgoingMessage, options: EncodeOptions, now: number): PayloadType[] | undefined {
  try {
    if (options.format === 'python') {
      const item = encodePythonMessage(outgoing.message, now)
      return item === undefined ? undefined : [item]
    }
    return encodeNativeMessage(outgoing)
  } catch (error) {
    if (error instanceof InvalidBytesError) {
      throw new AgentCoreSessionError(
        'INVALID_MESSAGE',
        `Message '${outgoing.id}' has an invalid byte field at ${error.path}: pass a Uint8Array or a standard base64 string.`,
        { cause: error },
      )
    }
    throw error
  }
}
