import type { ContentBlockData } from '../message'
import type { RestoredMessage } from './restored-session'

function hasToolResult(entry: RestoredMessage): boolean {
  return entry.message.content.some((block) => 'toolResult' in block)
}

/**
 * Drops leading messages until the history starts with a user message that
 * carries no toolResult. A toolResult whose toolUse is not in the history
 * (cut off by a restore limit, or deleted) is rejected by the Converse API,
 * and so is a history that starts with the assistant.
 */
export function trimToUserTurnStart(messages: RestoredMessage[]): RestoredMessage[] {
  let start = 0
  while (start < messages.length) {
    const entry = messages[start]!
    if (entry.message.role === 'user' && !hasToolResult(entry)) {
      break
    }
    start += 1
  }
  return start === 0 ? messages : messages.slice(start)
}

/**
 * Removes toolUse and toolResult blocks, drops messages left empty, and joins
 * neighbours of the same role so the history still alternates user and
 * assistant. A joined message keeps the id and event id of its first part.
 */
export function removeToolContext(messages: RestoredMessage[]): RestoredMessage[] {
  const result: RestoredMessage[] = []
  for (const entry of messages) {
    const content = entry.message.content.filter(
      (block: ContentBlockData) => !('toolUse' in block) && !('toolResult' in block),
    )
    if (content.length === 0) {
      continue
    }
    const previous = result.at(-1)
    if (previous !== undefined && previous.message.role === entry.message.role) {
      // NOTE: replacing a joined message by its id rewrites only the first part's event.
      previous.message = { ...previous.message, content: [...previous.message.content, ...content] }
      continue
    }
    result.push({ ...entry, message: { ...entry.message, content } })
  }
  return trimToUserTurnStart(result)
}
