import type { JsonValue } from '../json'
import { type DecodedValue, InvalidBytesError, restoreBase64Bytes, restorePythonBytes } from './bytes'
import { checkMessage, isPlainObject } from './message-shape'
import { NATIVE_MESSAGE_TYPE, NATIVE_STATE_TYPE, NATIVE_VERSION } from './native-layout'
import { parseJson } from './parse-json'
import { IGNORED, type ItemResult } from './read-result'
import type { AgentState } from './types'

/** Tells whether a blob is one of the native layout's blobs, by its `type`. */
export function isNativeBlob(blob: JsonValue): blob is { [key: string]: JsonValue } {
  return isPlainObject(blob) && (blob.type === NATIVE_MESSAGE_TYPE || blob.type === NATIVE_STATE_TYPE)
}

/**
 * Tells whether a blob is a native message blob, which a preceding conversational item mirrors. The service returns
 * blobs as JSON documents, but a blob stored as a JSON string is accepted too.
 */
export function isNativeMessageBlob(blob: JsonValue | undefined): boolean {
  const value = typeof blob === 'string' ? parseJson(blob) : blob
  return value !== undefined && isPlainObject(value) && value.type === NATIVE_MESSAGE_TYPE
}

/** Reads a native message or agent-state blob. */
export function readNativeBlob(blob: { [key: string]: JsonValue }): ItemResult {
  const version = blob.version
  if (version !== NATIVE_VERSION) {
    return { kind: 'invalid', reason: `the ${String(blob.type)} blob has unsupported version ${String(version)}` }
  }
  return blob.type === NATIVE_MESSAGE_TYPE ? readNativeMessage(blob) : readNativeState(blob)
}

function readNativeMessage(blob: { [key: string]: JsonValue }): ItemResult {
  const id = blob.id
  if (typeof id !== 'string' || id === '') return { kind: 'invalid', reason: 'the message blob has no id' }

  const message = blob.message
  if (!isPlainObject(message)) return { kind: 'invalid', reason: 'the message blob has no message object' }

  const content = message.content
  if (!Array.isArray(content)) return { kind: 'invalid', reason: 'the message content is not an array of blocks' }

  let restoredContent: DecodedValue
  try {
    restoredContent = restoreBase64Bytes(content, 'content', undefined, 'content')
  } catch (error) {
    if (error instanceof InvalidBytesError) return { kind: 'invalid', reason: `${error.path} is not base64` }
    throw error
  }

  const checked = checkMessage({ ...message, content: restoredContent })
  if (checked.kind === 'invalid') return checked
  if (checked.kind === 'empty') return IGNORED
  return { kind: 'message', message: checked.message, id }
}

function readNativeState(blob: { [key: string]: JsonValue }): ItemResult {
  const state = blob.state
  if (!isPlainObject(state)) return { kind: 'invalid', reason: 'the agent-state blob has no state object' }

  const agentState = toAgentState({
    appState: state.appState,
    modelState: state.modelState ?? {},
    interruptState: state.interruptState,
    conversationManagerState: state.conversationManagerState,
  })
  if (typeof agentState === 'string') return { kind: 'invalid', reason: agentState }

  const agentId = blob.agentId
  return typeof agentId === 'string'
    ? { kind: 'state', state: agentState, agentId }
    : { kind: 'state', state: agentState }
}

/**
 * Builds an `AgentState` from its parts, turning bytes markers back into bytes. Returns the reason as a string
 * when a part has the wrong type.
 */
export function toAgentState(parts: {
  appState: JsonValue | undefined
  modelState: JsonValue | undefined
  interruptState: JsonValue | undefined
  conversationManagerState: JsonValue | undefined
}): AgentState | string {
  if (!isPlainObject(parts.appState)) return 'the agent state has no appState object'
  if (!isPlainObject(parts.modelState)) return 'the agent state has a modelState that is not an object'
  if (parts.conversationManagerState !== undefined && !isPlainObject(parts.conversationManagerState)) {
    return 'the agent state has a conversation manager state that is not an object'
  }

  try {
    // Restored state may hold Uint8Array values where bytes were stored; AgentState's JSON types cannot express that.
    const state: AgentState = {
      appState: restorePythonBytes(parts.appState) as AgentState['appState'],
      modelState: restorePythonBytes(parts.modelState) as AgentState['modelState'],
    }
    if (parts.interruptState !== undefined) {
      state.interruptState = restorePythonBytes(parts.interruptState) as NonNullable<AgentState['interruptState']>
    }
    if (parts.conversationManagerState !== undefined) {
      state.conversationManagerState = restorePythonBytes(parts.conversationManagerState) as NonNullable<
        AgentState['conversationManagerState']
      >
    }
    return state
  } catch (error) {
    if (error instanceof InvalidBytesError) return `the agent state's bytes at ${error.path} are not base64`
    throw error
  }
}
