import type { JsonObject, JsonValue } from '../json'

/**
 * Content blocks whose JSON differs between Strands TypeScript and Strands Python. Every other block has the same
 * shape in both and passes through unchanged.
 *
 * - TypeScript `{ reasoning: { text, signature, redactedContent } }` is Python
 *   `{ reasoningContent: { reasoningText: { text, signature }, redactedContent } }`.
 * - TypeScript `{ citations: {...} }` is Python `{ citationsContent: {...} }`.
 * - TypeScript `{ cachePoint: { cacheType } }` is Python `{ cachePoint: { type } }`.
 */
export function toPythonBlock(block: JsonValue): JsonValue {
  if (!isObject(block)) return block

  const reasoning = block.reasoning
  if (isObject(reasoning) && Object.keys(block).length === 1) {
    const content: JsonObject = {}
    if (typeof reasoning.text === 'string') {
      const reasoningText: JsonObject = { text: reasoning.text }
      if (reasoning.signature !== undefined) reasoningText.signature = reasoning.signature
      content.reasoningText = reasoningText
    }
    if (reasoning.redactedContent !== undefined) content.redactedContent = reasoning.redactedContent
    return { reasoningContent: content }
  }

  const citations = block.citations
  if (isObject(citations) && Object.keys(block).length === 1) return { citationsContent: citations }

  const cachePoint = block.cachePoint
  if (isObject(cachePoint) && 'cacheType' in cachePoint && Object.keys(block).length === 1) {
    const { cacheType, ...rest } = cachePoint
    return { cachePoint: { type: cacheType ?? null, ...rest } }
  }

  return block
}

/** Converts a Strands Python content block to the Strands TypeScript shape; the reverse of `toPythonBlock`. */
export function fromPythonBlock(block: JsonValue): JsonValue {
  if (!isObject(block)) return block

  const reasoningContent = block.reasoningContent
  if (isObject(reasoningContent) && Object.keys(block).length === 1) {
    const reasoning: JsonObject = {}
    const reasoningText = reasoningContent.reasoningText
    if (isObject(reasoningText)) {
      if (reasoningText.text !== undefined) reasoning.text = reasoningText.text
      if (reasoningText.signature !== undefined) reasoning.signature = reasoningText.signature
    }
    if (reasoningContent.redactedContent !== undefined) {
      reasoning.redactedContent = reasoningContent.redactedContent
    }
    return { reasoning }
  }

  const citationsContent = block.citationsContent
  if (isObject(citationsContent) && Object.keys(block).length === 1) return { citations: citationsContent }

  const cachePoint = block.cachePoint
  if (isObject(cachePoint) && 'type' in cachePoint && Object.keys(block).length === 1) {
    const { type, ...rest } = cachePoint
    return { cachePoint: { cacheType: type ?? null, ...rest } }
  }

  return block
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
