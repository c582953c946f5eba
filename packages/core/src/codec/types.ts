import type { PayloadType } from '@aws-sdk/client-bedrock-agentcore'
import type { JsonObject, JsonValue } from '../json'
import type { MessageData } from '../message'

/**
 * Storage layout that the encoder writes. `native` is this package's layout, `python` is the layout of the
 * Python `bedrock-agentcore` SDK v1.22 session manager. The decoder reads both regardless of this setting.
 */
export type StorageFormat = 'native' | 'python'

/** A message to persist, with its stable identity (Strands' message trackingId, or a UUID). */
export interface OutgoingMessage {
  /** Stable identity of the message; the native layout stores it and restores it unchanged. */
  id: string
  /** The message as plain JSON. */
  message: MessageData
}

/** One CreateEvent's worth of encoded messages. */
export interface EncodedEvent {
  /** The `payload` of the CreateEvent request, at most 100 items. */
  payload: PayloadType[]
  /** Ids of the messages in `payload`, in payload order. */
  messageIds: string[]
  /** UTF-8 size of `payload` as the AWS SDK serialises it, in bytes; kept so that packing needs no new measure. */
  payloadBytes: number
}

/** Options shared by `encodeMessages` and `encodeAgentState`. */
export interface EncodeOptions {
  /** Storage layout to write. */
  format: StorageFormat
  /** Agent that owns the messages or the state. */
  agentId: string
  /** Session that the events belong to. */
  sessionId: string
  /**
   * Epoch milliseconds written as `created_at` and `updated_at` in the Python layout's envelopes.
   * Defaults to the current time; the native layout does not use it.
   */
  now?: number
}

/** Agent state: app state, model state, interrupt state and anything else the adapter keeps, as JSON. */
export interface AgentState {
  /** State that the application manages (Strands' `agent.appState`, Python's `agent.state`). */
  appState: JsonObject
  /** State that the model provider keeps between calls. */
  modelState: JsonObject
  /** Pending interrupts, when the agent was interrupted. */
  interruptState?: JsonValue
  /** State of the conversation manager, such as the number of messages it removed. */
  conversationManagerState?: JsonObject
}

/** A message restored from storage. */
export interface DecodedMessage {
  /**
   * The message's identity: the stored id for the native layout, or `<eventId>/<payload index>` for messages
   * written in the Python layout or as plain conversational text.
   */
  id: string
  /** Event that contains the message; delete this event to remove the message. */
  eventId: string
  /** The event's timestamp in epoch milliseconds. */
  timestamp: number
  /** The message, with byte fields as `Uint8Array`. */
  message: MessageData
}

/** The newest agent state restored from storage. */
export interface DecodedState {
  /** The agent state. */
  state: AgentState
  /** Event that contains the state. */
  eventId: string
  /** The event's timestamp in epoch milliseconds. */
  timestamp: number
}

/** An event, or one payload item of it, that the decoder could not read. */
export interface SkippedEvent {
  /** Id of the event; an empty string when the event has none. */
  eventId: string
  /** Reason for skipping, naming the payload item when only one item was bad. Never contains message content. */
  reason: string
}
