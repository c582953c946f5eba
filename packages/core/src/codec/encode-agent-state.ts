import type { PayloadType } from '@aws-sdk/client-bedrock-agentcore'
import { MAX_REQUEST_BYTES, payloadItemBytes, REQUEST_ENVELOPE_BYTES } from './limits'
import { encodeNativeState } from './native-layout'
import { PayloadTooLargeError } from './payload-too-large-error'
import { encodePythonState } from './python-layout'
import { STATE_POINTER_KEY } from './state-pointer'
import type { AgentState, EncodeOptions } from './types'

/** Metadata value of `stateType` on agent-state events, in both layouts. */
export const AGENT_STATE_TYPE = 'AGENT'

/**
 * Metadata keys the codec reserves (users may not set them): `stateType` marks state events, `agentId` marks
 * the agent that owns an event, and `stateEventId` on message events names the agent's newest agent-state event
 * when the message was written.
 */
export const RESERVED_METADATA_KEYS: readonly string[] = Object.freeze(['stateType', 'agentId', STATE_POINTER_KEY])

/**
 * Encodes agent state as the payload of one blob event; metadata marks it (`stateType=AGENT`, `agentId`).
 * A `Uint8Array` anywhere in the state is stored as `{"__bytes_encoded__": true, "data": "<base64>"}` and
 * restored as bytes.
 *
 * @throws {PayloadTooLargeError} code `PAYLOAD_TOO_LARGE` when the state does not fit in one CreateEvent request.
 */
export function encodeAgentState(
  state: AgentState,
  options: EncodeOptions,
): { payload: PayloadType[]; metadata: Record<string, { stringValue: string }> } {
  const blob =
    options.format === 'python'
      ? encodePythonState(state, options.agentId, options.now ?? Date.now())
      : encodeNativeState(state, options.agentId)
  const payload: PayloadType[] = [{ blob }]

  const payloadBudget = MAX_REQUEST_BYTES - REQUEST_ENVELOPE_BYTES
  const payloadBytes = payloadItemBytes({ blob })
  if (payloadBytes > payloadBudget) {
    throw new PayloadTooLargeError({ limit: 'requestBytes', maximum: payloadBudget, actual: payloadBytes })
  }

  return {
    payload,
    metadata: { stateType: { stringValue: AGENT_STATE_TYPE }, agentId: { stringValue: options.agentId } },
  }
}
