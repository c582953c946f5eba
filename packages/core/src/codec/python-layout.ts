import type { PayloadType } from '@aws-sdk/client-bedrock-agentcore'
import type { JsonObject, JsonValue } from '../json'
import type { MessageData } from '../message'
import { toPythonBytesJson } from './bytes'
import { countCodePoints, MAX_CONVERSATIONAL_CHARS } from './limits'
import { toPythonBlock } from './python-blocks'
import { pythonJsonDumps } from './python-json'
import { dropBlankTextBlocks } from './text-blocks'
import type { AgentState } from './types'

/**
 * The layout of the Python `bedrock-agentcore` SDK v1.22 session manager (`AgentCoreMemorySessionManager` with its
 * default converter), written so that a Python agent restores it.
 *
 * A message is one payload item holding `json.dumps(SessionMessage.to_dict())`, the envelope
 * `{"message": {"role", "content"}, "message_id": 0, "redact_message": null, "created_at", "updated_at"}` with
 * bytes as `{"__bytes_encoded__": true, "data": "<base64>"}`:
 * - `{ conversational: { content: { text: envelope }, role: "USER" | "ASSISTANT" } }` while the envelope's length
 *   plus the lowercase role's length is under 100 000 code points (tool results are stored under `USER`);
 * - otherwise `{ blob: json.dumps([envelope, "user" | "assistant"]) }`.
 *
 * Agent state is a blob event with metadata `stateType=AGENT` and `agentId` whose blob is
 * `json.dumps(SessionAgent.to_dict())`.
 */
export const PYTHON_CONVERSATIONAL_LIMIT = MAX_CONVERSATIONAL_CHARS

/**
 * The Python SDK stores `message_id` 0 for every message; the event id identifies it instead.
 * Restored messages get `<eventId>/<payload index>` as their id.
 */
const PYTHON_MESSAGE_ID = 0

/**
 * Conversation manager state that Strands Python's default `SlidingWindowConversationManager` accepts. A Python
 * agent rejects a state without `__name__` ("Invalid conversation manager state"), so it is written when the
 * TypeScript agent has none.
 * NOTE: a Python agent configured with another conversation manager rejects this default too.
 */
export const DEFAULT_PYTHON_CONVERSATION_MANAGER_STATE: JsonObject = {
  __name__: 'SlidingWindowConversationManager',
  removed_message_count: 0,
}

/** Formats epoch milliseconds as Python's `datetime.now(timezone.utc).isoformat()` does. */
export function pythonIsoTimestamp(epochMs: number): string {
  const iso = new Date(epochMs).toISOString() // 2026-12-04T19:57:34.123Z
  const seconds = iso.slice(0, 19)
  const milliseconds = iso.slice(20, 23)
  // Python leaves out the fraction when the microseconds are zero, and otherwise writes six digits.
  return milliseconds === '000' ? `${seconds}+00:00` : `${seconds}.${milliseconds}000+00:00`
}

/**
 * Encodes one message in the Python layout. Returns undefined when the message has no content once blank text
 * blocks are dropped. Throws `InvalidBytesError` when a byte field is neither bytes nor base64.
 *
 * NOTE: Strands Python messages have no `metadata`, so the message's metadata is not written.
 */
export function encodePythonMessage(message: MessageData, now: number): PayloadType | undefined {
  const content = dropBlankTextBlocks(message.content)
  if (content.length === 0) return undefined

  const contentJson = (toPythonBytesJson(content, 'content') as JsonValue[]).map(toPythonBlock)
  const timestamp = pythonIsoTimestamp(now)
  const envelope = pythonJsonDumps({
    message: { role: message.role, content: contentJson },
    message_id: PYTHON_MESSAGE_ID,
    redact_message: null,
    created_at: timestamp,
    updated_at: timestamp,
  })

  // The Python SDK compares the envelope's length plus the role's length against the limit, in code points. The
  // envelope is ASCII (json.dumps escapes the rest), so UTF-16 units and UTF-8 bytes give the same count.
  if (countCodePoints(envelope) + message.role.length < PYTHON_CONVERSATIONAL_LIMIT) {
    return { conversational: { content: { text: envelope }, role: message.role === 'user' ? 'USER' : 'ASSISTANT' } }
  }
  return { blob: pythonJsonDumps([envelope, message.role]) }
}

/** Encodes agent state as the blob of a Python state event: `json.dumps(SessionAgent.to_dict())`. */
export function encodePythonState(state: AgentState, agentId: string, now: number): string {
  const internalState: JsonObject = {}
  if (state.interruptState !== undefined) internalState.interrupt_state = toPythonBytesJson(state.interruptState)
  internalState.model_state = toPythonBytesJson(state.modelState)

  const timestamp = pythonIsoTimestamp(now)
  return pythonJsonDumps({
    agent_id: agentId,
    state: toPythonBytesJson(state.appState),
    conversation_manager_state: toPythonBytesJson(
      state.conversationManagerState ?? DEFAULT_PYTHON_CONVERSATION_MANAGER_STATE,
    ),
    _internal_state: internalState,
    created_at: timestamp,
    updated_at: timestamp,
  })
}
