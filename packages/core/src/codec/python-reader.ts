import type { JsonValue } from '../json'
import { type DecodedValue, InvalidBytesError, restorePythonBytes } from './bytes'
import { checkMessage, isPlainObject } from './message-shape'
import { toAgentState } from './native-reader'
import { readOpenAiMessage } from './openai-reader'
import { parseJson } from './parse-json'
import { fromPythonBlock } from './python-blocks'
import { IGNORED, type ItemResult } from './read-result'

/**
 * Tells whether parsed conversational text is a Python `SessionMessage` envelope: an object whose `message` is an
 * object. Plain text that merely parses as JSON does not match.
 */
export function isPythonEnvelope(value: JsonValue): value is { [key: string]: JsonValue } {
  return isPlainObject(value) && isPlainObject(value.message)
}

/**
 * Reads a Python `SessionMessage` envelope as Strands Python's `SessionMessage.from_dict(...).to_message()` does:
 * bytes markers become bytes, and `redact_message`, when set, replaces the message.
 */
export function readPythonEnvelope(envelope: { [key: string]: JsonValue }): ItemResult {
  const redacted = envelope.redact_message
  const message = isPlainObject(redacted) ? redacted : envelope.message
  if (!isPlainObject(message)) return { kind: 'invalid', reason: 'the SessionMessage envelope has no message' }

  const content = message.content
  if (!Array.isArray(content)) return { kind: 'invalid', reason: 'the message content is not an array of blocks' }

  let restored: DecodedValue
  try {
    restored = restorePythonBytes({ ...message, content: content.map(fromPythonBlock) })
  } catch (error) {
    if (error instanceof InvalidBytesError)
      return { kind: 'invalid', reason: `the bytes at ${error.path} are not base64` }
    throw error
  }

  const checked = checkMessage(restored)
  if (checked.kind === 'invalid') return checked
  if (checked.kind === 'empty') return IGNORED
  return { kind: 'message', message: checked.message }
}

/**
 * Reads JSON text stored by a Python converter: a `SessionMessage` envelope (default converter) or an OpenAI chat
 * message (`OpenAIConverseConverter`). Returns undefined when the value is neither.
 */
export function readPythonMessageJson(value: JsonValue): ItemResult | undefined {
  if (isPythonEnvelope(value)) return readPythonEnvelope(value)
  return readOpenAiMessage(value)
}

/**
 * Reads a parsed blob of the Python layout: a `[text, role]` message, a `{"_type": "message", "data": [text, role]}`
 * message, a `SessionAgent` dict (agent state, also the legacy state written without metadata) or a `Session`
 * dict (ignored). Returns undefined when the blob matches none of these shapes.
 */
export function readPythonBlob(blob: JsonValue): ItemResult | undefined {
  const pair = isPlainObject(blob) && blob._type === 'message' ? blob.data : blob
  if (Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && typeof pair[1] === 'string') {
    const parsed = parseJson(pair[0])
    if (parsed === undefined) return { kind: 'invalid', reason: 'the [text, role] blob does not hold JSON text' }
    return readPythonMessageJson(parsed) ?? { kind: 'invalid', reason: 'the [text, role] blob does not hold a message' }
  }

  if (!isPlainObject(blob)) return undefined
  if (blob._type === 'agent_state') return IGNORED
  if (typeof blob.session_id === 'string' && 'session_type' in blob) return IGNORED
  if (typeof blob.agent_id === 'string' && 'state' in blob) return readPythonState(blob)
  return undefined
}

/** Reads a Python `SessionAgent` dict as agent state. */
export function readPythonState(blob: { [key: string]: JsonValue }): ItemResult {
  const internal = blob._internal_state
  const internalState = isPlainObject(internal) ? internal : {}
  const state = toAgentState({
    appState: blob.state,
    modelState: internalState.model_state ?? {},
    interruptState: internalState.interrupt_state,
    conversationManagerState: blob.conversation_manager_state ?? undefined,
  })
  if (typeof state === 'string') return { kind: 'invalid', reason: state }
  return { kind: 'state', state, agentId: blob.agent_id as string }
}
