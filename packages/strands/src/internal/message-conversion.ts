import type { MessageData } from '@agentcore-session/core'
import { Message, type MessageData as StrandsMessageData } from '@strands-agents/sdk'

/**
 * Converts a Strands message into core's message JSON. The `trackingId` moves out of the JSON: it becomes
 * the message's stable id, which core uses for idempotent writes and for replacing the message later.
 */
export function toSessionMessage(message: Message): { id: string; message: MessageData } {
  const { trackingId: _trackingId, ...data } = message.toJSON()
  return { id: message.trackingId, message: data as unknown as MessageData }
}

/** Builds a Strands message from restored JSON, with the stored id as its `trackingId`. */
export function fromSessionMessage(id: string, message: MessageData): Message {
  return Message.fromJSON({ ...(message as unknown as StrandsMessageData), trackingId: id })
}
