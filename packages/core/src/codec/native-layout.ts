import type { PayloadType } from '@aws-sdk/client-bedrock-agentcore'
import type { JsonObject, JsonValue } from '../json'
import { toBase64Json, toPythonBytesJson } from './bytes'
import { fitsConversationalText } from './limits'
import { dropBlankTextBlocks, messageProse } from './text-blocks'
import type { AgentState, OutgoingMessage } from './types'

/*
 * The native storage layout.
 *
 * A message is stored as up to two payload items, in this order, in an event that the session tags with
 * metadata `agentId`:
 * 1. `{ conversational: { content: { text }, role } }` with the message's prose, for long-term memory extraction.
 *    The prose is the message's text blocks joined by blank lines, plus the text parts of its tool results in a
 *    user message. The role is `USER` or `ASSISTANT`, or `TOOL` for a user message that carries tool results.
 *    The item is left out when the message has no prose or the prose is over 100 000 characters (see
 *    `fitsConversationalText` for how they are counted).
 * 2. `{ blob: { type: "agentcore-session/message", version: 1, id, message } }` with the message as Strands JSON
 *    (bytes as base64 strings), from which the message is restored exactly.
 * An event may contain several messages, in order.
 *
 * Agent state is one blob event with metadata `stateType=AGENT` and `agentId`, whose blob is
 * `{ type: "agentcore-session/agent-state", version: 1, agentId, state }`. The newest such event wins.
 */

/** `type` of a message blob in the native layout. */
export const NATIVE_MESSAGE_TYPE = 'agentcore-session/message'

/** `type` of an agent-state blob in the native layout. */
export const NATIVE_STATE_TYPE = 'agentcore-session/agent-state'

/** Version of the native blobs that this codec writes and reads. */
export const NATIVE_VERSION = 1

/**
 * Encodes one message in the native layout. Returns undefined when the message has no content once blank text
 * blocks are dropped. Throws `InvalidBytesError` when a byte field is neither bytes nor base64.
 */
export function encodeNativeMessage(outgoing: OutgoingMessage): PayloadType[] | undefined {
  const { message } = outgoing
  const content = dropBlankTextBlocks(message.content)
  if (content.length === 0) return undefined

  const contentJson = toBase64Json(content, 'content') as JsonValue[]
  const messageJson: JsonObject = { role: message.role, content: contentJson }
  if (message.metadata !== undefined) messageJson.metadata = copyJson(message.metadata)

  const items: PayloadType[] = []
  const prose = messageProse(message.role, contentJson)
  if (prose !== undefined && fitsConversationalText(prose.text)) {
    items.push({ conversational: { content: { text: prose.text }, role: prose.role } })
  }
  items.push({ blob: { type: NATIVE_MESSAGE_TYPE, version: NATIVE_VERSION, id: outgoing.id, message: messageJson } })
  return items
}

/**
 * Encodes agent state as the blob of a native state event. State is free-form JSON with no known byte fields, so
 * a `Uint8Array` anywhere in it is written with the unambiguous Python marker `{"__bytes_encoded__": true, ...}`.
 */
export function encodeNativeState(state: AgentState, agentId: string): JsonObject {
  const stateJson: JsonObject = {
    appState: toPythonBytesJson(state.appState),
    modelState: toPythonBytesJson(state.modelState),
  }
  if (state.interruptState !== undefined) stateJson.interruptState = toPythonBytesJson(state.interruptState)
  if (state.conversationManagerState !== undefined) {
    stateJson.conversationManagerState = toPythonBytesJson(state.conversationManagerState)
  }
  return { type: NATIVE_STATE_TYPE, version: NATIVE_VERSION, agentId, state: stateJson }
}

function copyJson(value: JsonObject): JsonObject {
  return JSON.parse(JSON.stringify(value)) as JsonObject
}
