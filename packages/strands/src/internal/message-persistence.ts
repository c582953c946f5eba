import type { MemorySession } from '@agentcore-session/core'
import type { LocalAgent, Message } from '@strands-agents/sdk'
import { toSessionMessage } from './message-conversion'

/**
 * Sends every message the agent adds to the session, in order, and tracks the ids the session already holds.
 * A message that Strands rewrites under the same `trackingId` (a redaction, or a continuation merged into the
 * last message) therefore replaces the stored copy instead of adding a second one.
 *
 * Each method awaits only what the session's executor makes it wait for: the inline executor resolves
 * when the write is durable, and the background executor as soon as it accepts the write.
 */
export class MessagePersistence {
  readonly #session: MemorySession
  readonly #storedIds = new Set<string>()

  constructor(session: MemorySession) {
    this.#session = session
  }

  /** Records ids that the session already holds, such as restored messages. */
  markStored(ids: Iterable<string>): void {
    for (const id of ids) this.#storedIds.add(id)
  }

  /** Appends `message`, or replaces the stored copy when its id was written before. */
  async persist(message: Message): Promise<void> {
    const { id, message: data } = toSessionMessage(message)
    if (this.#storedIds.has(id)) {
      await this.#session.replaceMessage(id, data)
      return
    }

    this.#storedIds.add(id)
    await this.#session.appendMessage(data, { id })
  }

  /**
   * Persists the redacted form of the latest user message, which Strands rewrote in place with the same
   * `trackingId` after a guardrail blocked the input.
   */
  async persistRedaction(agent: LocalAgent): Promise<void> {
    const redacted = findLast(agent.messages, (message) => message.role === 'user')
    if (redacted !== undefined) await this.persist(redacted)
  }
}

function findLast(messages: readonly Message[], predicate: (message: Message) => boolean): Message | undefined {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index]
    if (message !== undefined && predicate(message)) return message
  }
  return undefined
}
