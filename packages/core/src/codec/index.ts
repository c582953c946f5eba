/**
 * The event codec: turns messages and agent state into AgentCore Memory payloads and back, in the native layout
 * and in the Python SDK v1.22 layout. Pure functions with no I/O.
 * @module
 */
export type { DecodeResult } from './decode-events'
export { decodeEvents } from './decode-events'
export { AGENT_STATE_TYPE, encodeAgentState, RESERVED_METADATA_KEYS } from './encode-agent-state'
export { encodeMessages, packEvents } from './encode-messages'
export { MAX_CONVERSATIONAL_CHARS, MAX_PAYLOAD_ITEMS, MAX_REQUEST_BYTES } from './limits'
export type { PayloadLimit } from './payload-too-large-error'
export { PayloadTooLargeError } from './payload-too-large-error'
export { NO_STATE_POINTER, parseStatePointer, STATE_POINTER_KEY, toStatePointer } from './state-pointer'
export type {
  AgentState,
  DecodedMessage,
  DecodedState,
  EncodedEvent,
  EncodeOptions,
  OutgoingMessage,
  SkippedEvent,
  StorageFormat,
} from './types'
