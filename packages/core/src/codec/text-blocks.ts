import type { JsonValue } from '../json'

/**
 * Tells whether a content block is a text block with no visible text. Bedrock Converse rejects blank text
 * blocks, so the codec drops them on write and on read. Only top-level blocks are checked, as in the Python SDK;
 * text nested in a tool result is kept as it is.
 */
export function isBlankTextBlock(block: unknown): boolean {
  if (typeof block !== 'object' || block === null || !('text' in block)) return false
  const text = (block as { text: unknown }).text
  return typeof text !== 'string' || text.trim() === ''
}

/** Returns the content without blank text blocks. */
export function dropBlankTextBlocks<Block>(content: readonly Block[]): Block[] {
  return content.filter((block) => !isBlankTextBlock(block))
}

/** Prose of a message for long-term memory extraction, with the conversational role it is stored under. */
export interface MessageProse {
  /** The text blocks joined by blank lines. */
  text: string
  /** `TOOL` for a user message that carries tool results, else the message's role in upper case. */
  role: 'USER' | 'ASSISTANT' | 'TOOL'
}

/**
 * Collects the prose of a message: its text blocks and, for a user message that carries tool results, the text
 * parts of those results. Returns undefined when there is no prose (for example a message with only a tool call).
 */
export function messageProse(role: 'user' | 'assistant', content: readonly JsonValue[]): MessageProse | undefined {
  const parts: string[] = []
  let carriesToolResults = false

  for (const block of content) {
    if (typeof block !== 'object' || block === null || Array.isArray(block)) continue
    const text = block.text
    if (typeof text === 'string' && text.trim() !== '') parts.push(text)

    const toolResult = block.toolResult
    if (role === 'user' && typeof toolResult === 'object' && toolResult !== null && !Array.isArray(toolResult)) {
      carriesToolResults = true
      const resultContent = toolResult.content
      if (!Array.isArray(resultContent)) continue
      for (const part of resultContent) {
        if (typeof part !== 'object' || part === null || Array.isArray(part)) continue
        const partText = part.text
        if (typeof partText === 'string' && partText.trim() !== '') parts.push(partText)
      }
    }
  }

  if (parts.length === 0) return undefined
  const text = parts.join('\n\n')
  if (carriesToolResults) return { text, role: 'TOOL' }
  return { text, role: role === 'user' ? 'USER' : 'ASSISTANT' }
}
