import type { AgentState, SkippedEvent } from '../codec'
import type { MessageData } from '../message'

/** A restored message with its identity. */
export interface RestoredMessage {
  /** The message's stable id; pass it to `replaceMessage` to redact the message. */
  id: string
  /** The event that contains the message. */
  eventId: string
  /** The message, with byte fields as `Uint8Array`. */
  message: MessageData
}

/** The result of restoring a session. */
export interface RestoredSession {
  /** This agent's messages, oldest first, starting with a user message that carries no toolResult. */
  messages: RestoredMessage[]
  /** The newest agent state of this agent, when one was saved. */
  state?: AgentState
  /** Events or payload items that could not be read; they were also reported to the logger and `onError`. */
  skipped: SkippedEvent[]
}
