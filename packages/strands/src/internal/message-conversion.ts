import type { MessageData } from '@agentcore-session/core'
import { Message, type MessageData as StrandsMessageData } from '@strands-agents/sdk'

/**
 * Converts a Strands message into core's message JSON. The `trackingId` moves out of the JSON: it becomes
 * the message's stable id, which core uses for idempotent writes and for replacing the message later.
 * Byte fields, which `Message.toJSON()` turns into base64 strings, go back to `Uint8Array`: the message's own
 * arrays where the JSON shows which ones they are, so a 1 MB image is not decoded again, else decoded copies.
 */
export function toSessionMessage(message: Message): { id: string; message: MessageData } {
  const { trackingId: _trackingId, ...data } = message.toJSON()
  return { id: message.trackingId, message: restoreByteFields(data, message) as MessageData }
}

/** Builds a Strands message from restored JSON, with the stored id as its `trackingId`. */
export function fromSessionMessage(id: string, message: MessageData): Message {
  return Message.fromJSON({ ...(message as unknown as StrandsMessageData), trackingId: id })
}

/**
 * Copies `value`, turning the base64 strings of byte fields (`source.bytes` and `redactedContent`, the fields
 * core treats as bytes) into `Uint8Array`. `original` is the part of the Strands message that `value` was
 * serialised from. Its content blocks serialise as `{ <type>: { ...fields } }`, so a JSON key missing from
 * `original` is a wrapper level, and the walk stays on the same original object.
 */
function restoreByteFields(value: unknown, original: unknown, key = '', parentKey = ''): unknown {
  if (typeof value === 'string') {
    const isByteField = (key === 'bytes' && parentKey === 'source') || key === 'redactedContent'
    return isByteField ? bytesOf(value, original) : value
  }
  if (Array.isArray(value)) {
    const items = Array.isArray(original) && original.length === value.length ? original : []
    return value.map((item, index) => restoreByteFields(item, items[index], '', key))
  }
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value

  const copy: Record<string, unknown> = {}
  for (const [name, item] of Object.entries(value)) {
    copy[name] = restoreByteFields(item, childOf(original, name), name, key)
  }
  return copy
}

function childOf(original: unknown, name: string): unknown {
  if (original === null || typeof original !== 'object') return undefined
  return name in original ? (original as Record<string, unknown>)[name] : original
}

/**
 * Returns the message's own array when it has the length that `base64` encodes, else decodes `base64`. The
 * length check guards against a walk that paired the wrong fields.
 */
function bytesOf(base64: string, original: unknown): Uint8Array {
  if (original instanceof Uint8Array) {
    const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0
    if ((base64.length / 4) * 3 - padding === original.byteLength) return original
  }
  return Uint8Array.from(Buffer.from(base64, 'base64'))
}
