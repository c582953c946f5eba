import type { JsonObject, JsonValue } from '../json'
import { InvalidBytesError, restorePythonBytes } from './bytes'
import { checkMessage, isPlainObject } from './message-shape'
import { fromPythonBlock } from './python-blocks'
import { IGNORED, type ItemResult } from './read-result'

const openAiRoles = new Set(['user', 'assistant', 'tool', 'system'])

/**
 * Reads an OpenAI chat message as the Python SDK's `OpenAIConverseConverter` stores it, in the Strands shape:
 * - `tool` becomes a user message with one `toolResult` (its text content, and `status` when stored);
 * - `system` and `user` become user text;
 * - an assistant's `tool_calls` become `toolUse` blocks (arguments that are not JSON become `{}`), and its
 *   `_strands_reasoning_content` blocks are put first, because Bedrock requires reasoning before other blocks.
 * Returns undefined when the value is not an OpenAI chat message.
 */
export function readOpenAiMessage(value: JsonValue): ItemResult | undefined {
  if (!isPlainObject(value)) return undefined
  const role = value.role
  if (typeof role !== 'string' || !openAiRoles.has(role)) return undefined
  if (!('content' in value) && !('tool_calls' in value)) return undefined

  const text = openAiText(value.content)

  if (role === 'tool') {
    const toolUseId = value.tool_call_id
    if (typeof toolUseId !== 'string') return { kind: 'invalid', reason: 'the OpenAI tool message has no tool_call_id' }
    const status = value.status === 'error' ? 'error' : 'success'
    const content = text === '' ? [] : [{ text }]
    return finish({ role: 'user', content: [{ toolResult: { toolUseId, status, content } }] })
  }

  if (role !== 'assistant') return finish({ role: 'user', content: [{ text }] })

  const blocks: JsonValue[] = []
  const reasoning = value._strands_reasoning_content
  if (Array.isArray(reasoning)) blocks.push(...reasoning.map(fromPythonBlock))
  blocks.push({ text })

  const toolCalls = value.tool_calls
  if (Array.isArray(toolCalls)) {
    for (const call of toolCalls) {
      const toolUse = readToolCall(call)
      if (toolUse === undefined) return { kind: 'invalid', reason: 'an OpenAI tool call has no id or function name' }
      blocks.push({ toolUse })
    }
  }
  return finish({ role: 'assistant', content: blocks })
}

function openAiText(content: JsonValue | undefined): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  const parts: string[] = []
  for (const part of content) {
    if (isPlainObject(part) && typeof part.text === 'string') parts.push(part.text)
  }
  return parts.join('\n')
}

function readToolCall(call: JsonValue): JsonObject | undefined {
  if (!isPlainObject(call)) return undefined
  const fn = call.function
  if (typeof call.id !== 'string' || !isPlainObject(fn) || typeof fn.name !== 'string') return undefined

  let input: JsonValue = {}
  if (typeof fn.arguments === 'string') {
    try {
      input = JSON.parse(fn.arguments) as JsonValue
    } catch {
      input = {}
    }
  }
  return { toolUseId: call.id, name: fn.name, input }
}

function finish(message: JsonObject): ItemResult {
  try {
    const checked = checkMessage(restorePythonBytes(message))
    if (checked.kind === 'invalid') return checked
    if (checked.kind === 'empty') return IGNORED
    return { kind: 'message', message: checked.message }
  } catch (error) {
    if (error instanceof InvalidBytesError)
      return { kind: 'invalid', reason: `the bytes at ${error.path} are not base64` }
    throw error
  }
}
