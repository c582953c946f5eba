import { AgentCoreSessionError, type MemorySession, type MessageData } from '@agentcore-session/core'
import type { LocalAgent, Message } from '@strands-agents/sdk'
import { AgentCoreStrandsError } from '../errors'
import { toSessionMessage } from './message-conversion'

/** Options of {@link MessagePersistence}. */
export interface MessagePersistenceOptions {
  /**
   * Runs replacements behind the agent instead of awaiting them. Set it with a background executor: core
   * makes the replacement of a message whose write is in flight wait for that write to finish.
   */
  deferReplacements: boolean
  /** Receives the failure of a deferred replacement, which no caller awaits. */
  onError: ((error: AgentCoreSessionError) => void) | undefined
}

/**
 * Sends every message the agent adds to the session, in order, and tracks the ids the session already holds.
 * A message that Strands rewrites under the same `trackingId` (a redaction, or a continuation merged into the
 * last message) therefore replaces the stored copy instead of adding a second one.
 *
 * Appends await only what the session's executor makes them wait for: the inline executor resolves when the
 * write is durable, and the background executor as soon as it accepts the write.
 */
export class MessagePersistence {
  readonly #session: MemorySession
  readonly #options: MessagePersistenceOptions
  readonly #storedIds = new Set<string>()
  #deferred: Promise<void> = Promise.resolve()
  #deferredFailures: AgentCoreSessionError[] = []

  constructor(session: MemorySession, options: MessagePersistenceOptions) {
    this.#session = session
    this.#options = options
  }

  /** Records ids that the session already holds, such as restored messages. */
  markStored(ids: Iterable<string>): void {
    for (const id of ids) this.#storedIds.add(id)
  }

  /** Appends `message`, or replaces the stored copy when its id was written before. */
  async persist(message: Message): Promise<void> {
    const { id, message: data } = toSessionMessage(message)
    if (!this.#storedIds.has(id)) {
      this.#storedIds.add(id)
      await this.#session.appendMessage(data, { id })
      return
    }

    if (!this.#options.deferReplacements) {
      await this.#replace(id, data)
      return
    }

    // Chained, so deferred replacements of one message still reach the session in order.
    this.#deferred = this.#deferred.then(() =>
      this.#replace(id, data).catch((cause: unknown) => {
        const error = asSessionError(cause, id)
        this.#deferredFailures.push(error)
        this.#options.onError?.(error)
      }),
    )
  }

  /**
   * Persists the redacted form of the latest user message, which Strands rewrote in place with the same
   * `trackingId` after a guardrail blocked the input.
   */
  async persistRedaction(agent: LocalAgent): Promise<void> {
    const redacted = findLast(agent.messages, (message) => message.role === 'user')
    if (redacted !== undefined) await this.persist(redacted)
  }

  /** Waits for deferred replacements, and rejects with the first one that failed since the previous call. */
  async settle(): Promise<void> {
    await this.#deferred
    const failures = this.#deferredFailures
    this.#deferredFailures = []
    if (failures[0] !== undefined) throw failures[0]
  }

  async #replace(id: string, data: MessageData): Promise<void> {
    try {
      await this.#session.replaceMessage(id, data)
    } catch (error) {
      // Core skips a message without content and keeps no record of it, so its replacement is a first write.
      if (!(AgentCoreSessionError.isInstance(error) && error.code === 'MESSAGE_NOT_FOUND')) throw error
      await this.#session.appendMessage(data, { id })
    }
  }
}

function asSessionError(cause: unknown, messageId: string): AgentCoreSessionError {
  if (AgentCoreSessionError.isInstance(cause)) return cause
  return new AgentCoreStrandsError(
    'REPLACE_FAILED',
    `Replacing stored message ${messageId} failed. The stored copy may still hold the earlier content; check the cause.`,
    { cause },
  )
}

function findLast(messages: readonly Message[], predicate: (message: Message) => boolean): Message | undefined {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index]
    if (message !== undefined && predicate(message)) return message
  }
  return undefined
}
