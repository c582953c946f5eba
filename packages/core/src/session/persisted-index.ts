import type { MessageData } from '../message'

/** The stored event of persisted messages. */
export interface PersistedEvent {
  /** The event id. */
  eventId: string
  /** The event's timestamp in epoch milliseconds. */
  timestamp: number
  /** Every message of the event, in payload order. */
  messages: { id: string; message: MessageData }[]
}

/**
 * Maps message ids to the events that contain them, for the messages this
 * session restored or wrote. Replacing a message needs the whole event,
 * because deleting it removes every message it contains.
 *
 * NOTE: the index keeps every message for the session's lifetime, so a
 * session's memory grows with its history, like the agent's own.
 */
export class PersistedIndex {
  readonly #byMessageId = new Map<string, PersistedEvent>()

  /** Records an event and the messages it holds. */
  record(event: PersistedEvent): void {
    for (const entry of event.messages) {
      this.#byMessageId.set(entry.id, event)
    }
  }

  /** Returns the event that contains message `id`, if this session restored or wrote it. */
  find(id: string): PersistedEvent | undefined {
    return this.#byMessageId.get(id)
  }

  /** Replaces `old` by `replacements`, moving every message id to its new event. */
  move(old: PersistedEvent, replacements: PersistedEvent[]): void {
    for (const entry of old.messages) {
      this.#byMessageId.delete(entry.id)
    }
    for (const event of replacements) {
      this.record(event)
    }
  }
}
