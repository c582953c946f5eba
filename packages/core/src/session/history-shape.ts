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
    if (isTurnStart(messages[start]!)) {
      break
    }
    start += 1
  }
  return start === 0 ? messages : messages.slice(start)
}

/**
 * Picks the restored history: the newest `limit` messages (all when `limit` is
 * undefined), starting at a user turn as `trimToUserTurnStart` does. When that
 * would leave nothing because the limit is shorter than the newest turn, the
 * window widens back to that turn's start instead, so a small limit still
 * restores the newest whole turn rather than an empty history.
 */
export function selectRestoreWindow(messages: RestoredMessage[], limit: number | undefined): RestoredMessage[] {
  const first = limit === undefined ? 0 : Math.max(0, messages.length - limit)
  const trimmed = trimToUserTurnStart(messages.slice(first))
  if (trimmed.length > 0 || first === 0) {
    return trimmed
  }
  let start = first
  while (start > 0 && !isTurnStart(messages[start]!)) {
    start -= 1
  }
  return trimToUserTurnStart(messages.slice(start))
}

function isTurnStart(entry: RestoredMessage): boolean {
  return entry.message.role === 'user' && !hasToolResult(entry)
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
