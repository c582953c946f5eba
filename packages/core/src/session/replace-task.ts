import { randomUUID } from 'node:crypto'
import { encodeMessages, STATE_POINTER_KEY } from '../codec'
import { WriteFailedError } from '../errors/write-failed-error'
import type { WriteTask } from '../executor/executor'
import { deriveClientToken } from '../internal/client-token'
import { stableStringify } from '../internal/stable-stringify'
import type { MessageData } from '../message'
import type { PersistedEvent } from './persisted-index'
import { readWithRetry } from './read-with-retry'
import { type PreparedEvent, sendCreateEvent, sendDeleteEvent } from './send-create-event'
import type { WriteContext } from './write-context'

/**
 * Replaces a persisted message: writes the event again with the new message
 * (and any other messages the event contains), then deletes the old event. When
 * the delete fails, the new event is deleted again and the error raised, so
 * storage keeps exactly one copy. The new event reuses the old timestamp, so
 * the message keeps its place in the history.
 */
export class ReplaceTask implements WriteTask {
  readonly operation = 'replace'
  readonly queueKey: string
  readonly sizeBytes: number
  readonly messageIds: readonly string[]
  readonly #context: WriteContext
  readonly #old: PersistedEvent
  readonly #messages: { id: string; message: MessageData }[]
  readonly #onSettled: (error?: WriteFailedError) => void
  #prepared: { event: PreparedEvent; messageIds: string[]; eventId?: string }[] | undefined
  readonly #nonce = randomUUID()
  #attempt = 0

  constructor(
    context: WriteContext,
    old: PersistedEvent,
    id: string,
    message: MessageData,
    onSettled: (error?: WriteFailedError) => void,
  ) {
    this.#context = context
    this.#old = old
    // NOTE: messages read from the Python layout or plain conversational events have ids derived from
    // their event id, so after a rewrite they restore under new ids.
    this.#messages = old.messages.map((entry) => (entry.id === id ? { id, message } : entry))
    this.#onSettled = onSettled
    this.queueKey = context.queueKey
    this.sizeBytes = 0
    this.messageIds = [id]
  }

  async attempt(): Promise<void> {
    this.#attempt += 1
    const { memoryId, actorId, sessionId, agentId, storageFormat } = this.#context
    if (this.#prepared === undefined) {
      const encoded = encodeMessages(this.#messages, { format: storageFormat, agentId, sessionId }).events
      const pointer = this.#context.newestState.pointer()
      this.#prepared = encoded.map((event) => ({
        messageIds: event.messageIds,
        event: {
          payload: event.payload,
          // NOTE: when the codec splits the messages over several events, they share this millisecond
          // and the service does not define their order.
          timestampMs: this.#old.timestamp,
          clientToken: deriveClientToken([
            memoryId,
            actorId,
            sessionId,
            agentId,
            'replace',
            this.#old.eventId,
            // A rolled-back replacement must not be revived by a later one with the same content,
            // so each replace request has its own nonce. Its retries reuse the prepared token.
            this.#nonce,
            stableStringify(event.messageIds.map((id) => this.#messages.find((entry) => entry.id === id)?.message)),
          ]),
          metadata: {
            agentId: { stringValue: agentId },
            ...(pointer === undefined ? {} : { [STATE_POINTER_KEY]: { stringValue: pointer } }),
          },
        },
      }))
    }
    for (const item of this.#prepared) {
      item.eventId ??= await sendCreateEvent(this.#context, item.event, this.#attempt)
    }
    try {
      await readWithRetry(() => sendDeleteEvent(this.#context, this.#old.eventId, this.#attempt))
    } catch (error) {
      await this.#rollBack()
      throw new WriteFailedError(
        `Replacing message ${this.messageIds[0]} failed: deleting the old event ${this.#old.eventId} failed, so the new event was deleted again. Check the cause and retry replaceMessage.`,
        { cause: error, operation: 'replace', messageIds: this.messageIds, attempts: this.#attempt },
      )
    }
    const replacements = this.#prepared.map((item) => ({
      eventId: item.eventId!,
      timestamp: item.event.timestampMs,
      messages: item.messageIds.map((id) => this.#messages.find((entry) => entry.id === id)!),
    }))
    this.#context.index.move(this.#old, replacements)
  }

  settle(error?: WriteFailedError): void {
    this.#onSettled(error)
  }

  async #rollBack(): Promise<void> {
    for (const item of this.#prepared ?? []) {
      if (item.eventId === undefined) {
        continue
      }
      try {
        await readWithRetry(() => sendDeleteEvent(this.#context, item.eventId!, this.#attempt))
      } catch (error) {
        this.#context.logger.error(
          {
            eventId: item.eventId,
            oldEventId: this.#old.eventId,
            error: error instanceof Error ? error.name : 'unknown',
          },
          'Rolling back a replaced message failed; both events remain',
        )
      }
    }
    this.#prepared = undefined
  }
}
