import type { ContentBlockData, MessageData } from '../message'
import type { DecodedValue } from './bytes'
import { dropBlankTextBlocks } from './text-blocks'

/** Outcome of checking a decoded message: the message, or why it was not restored. */
export type MessageCheck =
  | { kind: 'message'; message: MessageData }
  | { kind: 'empty' }
  | { kind: 'invalid'; reason: string }

/**
 * Checks that a decoded value has the shape of a message (role `user` or `assistant`, an array of block objects,
 * optional object metadata) and drops its blank text blocks. A message left with no content is `empty`.
 */
export function checkMessage(value: DecodedValue | undefined): MessageCheck {
  if (!isPlainObject(value)) return { kind: 'invalid', reason: 'the message is not a JSON object' }

  const role = value.role
  if (role !== 'user' && role !== 'assistant') {
    return { kind: 'invalid', reason: 'the message role is not "user" or "assistant"' }
  }

  const content = value.content
  if (!Array.isArray(content) || !content.every(isPlainObject)) {
    return { kind: 'invalid', reason: 'the message content is not an array of content blocks' }
  }

  const metadata = value.metadata
  if (metadata !== undefined && !isPlainObject(metadata)) {
    return { kind: 'invalid', reason: 'the message metadata is not a JSON object' }
  }

  const nonBlankContent = dropBlankTextBlocks(content) as unknown as ContentBlockData[]
  if (nonBlankContent.length === 0) return { kind: 'empty' }

  const message: MessageData = { role, content: nonBlankContent }
  if (metadata !== undefined) message.metadata = metadata as MessageData['metadata'] & object
  return { kind: 'message', message }
}

/** Tells whether a value is a JSON object (not an array, null or bytes). */
export function isPlainObject(value: unknown): value is { [key: string]: DecodedValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
}
