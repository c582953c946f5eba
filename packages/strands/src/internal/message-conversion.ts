import type { MessageData } from '@agentcore-session/core'
import { Message, type MessageData as StrandsMessageData } from '@strands-agents/sdk'

/**
 * Converts a Strands message into core's message JSON. The `trackingId` moves out of the JSON: it becomes
 * the message's stable id, which core uses for idempotent writes and for replacing the message later.
 * Byte fields, which `Message.toJSON()` turns into base64 strings, go back to `Uint8Array`.
 */
export function toSessionMessage(message: Message): { id: string; message: MessageData } {
  const { trackingId: _trackingId, ...data } = message.toJSON()
  return { id: message.trackingId, message: decodeByteFields(data) as MessageData }
}

/** Builds a Strands message from restored JSON, with the stored id as its `trackingId`. */
export function fromSessionMessage(id: string, message: MessageData): Message {
  return Message.fromJSON({ ...(message as unknown as StrandsMessageData), trackingId: id })
}

/**
 * Copies `value`, turning the base64 strings of byte fields (`source.bytes` and `redactedContent`, the fields
 * core treats as bytes) into `Uint8Array`.
 */
function decodeByteFields(value: unknown, key = '', parentKey = ''): unknown {
  if (typeof value === 'string') {
    const isByteField = (key === 'bytes' && parentKey === 'source') || key === 'redactedContent'
    return isByteField ? Uint8Array.from(Buffer.from(value, 'base64')) : value
  }
  if (Array.isArray(value)) return value.map((item) => decodeByteFields(item, '', key))
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value

  const copy: Record<string, unknown> = {}
  for (const [name, item] of Object.entries(value)) copy[name] = decodeByteFields(item, name, key)
  return copy
}
