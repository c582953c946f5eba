import type { MessageData } from '../message'

/**
 * Returns the text to search long-term memory with: every non-blank text
 * block of the message, joined by newlines. Returns an empty string for a
 * message without text (an image alone, tool results), so the caller skips
 * retrieval.
 */
export function queryTextOf(message: MessageData | undefined): string {
  if (message === undefined) {
    return ''
  }
  return message.content
    .flatMap((block) =>
      'text' in block && typeof block.text === 'string' && block.text.trim() !== '' ? [block.text.trim()] : [],
    )
    .join('\n')
}
