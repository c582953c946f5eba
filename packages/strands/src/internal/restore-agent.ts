import type { JsonValue, RestoredSession } from '@agentcore-session/core'
import type { LocalAgent } from '@strands-agents/sdk'
import { loadIntoAgent } from './agent-state'

/** Result of {@link restoreAgent}, so the caller can seed the session and log. */
export interface RestoreOutcome {
  /** Ids of the messages now in the agent that the session already stores. */
  storedIds: string[]
  /** Whether restored messages replaced messages the agent was built with. */
  replacedMessages: boolean
  /** Whether restored messages were left out because the model keeps the conversation server-side. */
  skippedForStatefulModel: boolean
}

/**
 * Loads a restored session into the agent: messages (each with its stored id as `trackingId`), app state,
 * model state and interrupt state. Messages are left out for a stateful model, which keeps the
 * conversation server-side, as Strands' own session manager does.
 */
export function restoreAgent(agent: LocalAgent, restored: RestoredSession): RestoreOutcome {
  const hadMessages = agent.messages.length > 0
  const skippedForStatefulModel = agent.model.stateful && restored.messages.length > 0
  const loadMessages = restored.messages.length > 0 && !skippedForStatefulModel

  const messages: JsonValue[] | undefined = loadMessages
    ? restored.messages.map(({ id, message }) => ({
        ...(message as unknown as Record<string, JsonValue>),
        trackingId: id,
      }))
    : undefined

  if (messages !== undefined || restored.state !== undefined) {
    loadIntoAgent(agent, {
      ...(messages !== undefined && { messages }),
      ...(restored.state !== undefined && { state: restored.state }),
    })
  }

  return {
    storedIds: loadMessages ? restored.messages.map(({ id }) => id) : [],
    replacedMessages: loadMessages && hadMessages,
    skippedForStatefulModel,
  }
}
