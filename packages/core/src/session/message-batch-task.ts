import { packEvents, STATE_POINTER_KEY } from '../codec'
import type { WriteFailedError } from '../errors/write-failed-error'
import type { DurableEvent, WriteTask } from '../executor/executor'
import { deriveClientToken } from '../internal/client-token'
import { checkKeyCount, type EventMetadata } from './metadata'
import type { PendingMessage } from './pending-message'
import { type PreparedEvent, sendCreateEvent, toDurableEvent } from './send-create-event'
import { reservedMessageKeyCount } from './validate-options'
import type { WriteContext } from './write-context'

/** Maximum number of messages in one group commit, because each message needs at least one payload item. */
const maxMessagesPerTask = 100

/**
 * Writes a run of messages of one session. Each message was encoded when
 * the session accepted it. At the first attempt the encoded messages are
 * packed into events, stamped and given client tokens. Retries resend them as they
 * are, skipping events that already succeeded.
 */
export class MessageBatchTask implements WriteTask {
  readonly operation = 'append'
  readonly queueKey: string
  readonly sizeBytes: number
  readonly #context: WriteContext
  readonly #entries: PendingMessage[]
  readonly #onSettled: (task: MessageBatchTask, entries: PendingMessage[], error?: WriteFailedError) => void
  #prepared: { event: PreparedEvent; messageIds: string[]; eventId?: string }[] | undefined
  #attempt = 0

  constructor(
    context: WriteContext,
    entries: PendingMessage[],
    onSettled: (task: MessageBatchTask, entries: PendingMessage[], error?: WriteFailedError) => void,
  ) {
    this.#context = context
    this.#entries = entries
    this.#onSettled = onSettled
    this.queueKey = context.queueKey
    this.sizeBytes = entries.reduce((sum, entry) => sum + entry.sizeBytes, 0)
  }

  get messageIds(): string[] {
    return this.#entries.map((entry) => entry.id)
  }

  /** Joins a following message task of the same session while the result has at most 100 messages and 15 metadata keys. */
  mergeWith(next: WriteTask): WriteTask | undefined {
    // Tasks merge only within one session object, whose callback settles every entry.
    if (!(next instanceof MessageBatchTask) || next.#context !== this.#context || this.#prepared !== undefined) {
      return undefined
    }
    const entries = [...this.#entries, ...next.#entries]
    if (entries.length > maxMessagesPerTask || !fitsMetadataLimit(entries)) {
      return undefined
    }
    return new MessageBatchTask(this.#context, entries, this.#onSettled)
  }

  /** Packs, stamps and tokens the events now; a replacement of these messages then waits for the write. */
  async prepareDurable(minTimestampMs?: number): Promise<readonly DurableEvent[]> {
    const prepared = await this.#ensurePrepared(minTimestampMs)
    return prepared.map((item) => toDurableEvent(this.#context, item.event))
  }

  async attempt(): Promise<void> {
    this.#attempt += 1
    const prepared = await this.#ensurePrepared()
    for (const item of prepared) {
      if (item.eventId !== undefined) {
        continue
      }
      item.eventId = await sendCreateEvent(this.#context, item.event, this.#attempt)
      const messages = item.messageIds.map((id) => {
        const entry = this.#entries.find((candidate) => candidate.id === id)!
        return { id, message: entry.message }
      })
      this.#context.index.record({ eventId: item.eventId, timestamp: item.event.timestampMs, messages })
    }
  }

  settle(error?: WriteFailedError): void {
    this.#onSettled(this, this.#entries, error)
  }

  async #ensurePrepared(minTimestampMs?: number) {
    if (this.#prepared === undefined) {
      for (const entry of this.#entries) {
        entry.stage = 'sending'
      }
      await this.#context.ensureSeeded()
      if (minTimestampMs !== undefined) {
        this.#context.timestamps.seed(minTimestampMs)
      }
      this.#prepared ??= this.#prepare()
    }
    return this.#prepared
  }

  #prepare(): { event: PreparedEvent; messageIds: string[] }[] {
    const { memoryId, actorId, sessionId, agentId } = this.#context
    // Each message was encoded when it was accepted, so large payloads such as images are not encoded again.
    const encoded = packEvents(this.#entries.flatMap((entry) => entry.encoded))
    // Every event of this task shares the pointer: no state write of this session runs between them.
    const pointer = this.#context.newestState.pointer()
    return encoded.map((event) => {
      const metadata: EventMetadata = {}
      for (const id of event.messageIds) {
        // Later messages win when two set the same key, as in the Python SDK's batches.
        Object.assign(metadata, this.#entries.find((entry) => entry.id === id)?.metadata)
      }
      metadata.agentId = { stringValue: agentId }
      if (pointer !== undefined) {
        metadata[STATE_POINTER_KEY] = { stringValue: pointer }
      }
      return {
        messageIds: event.messageIds,
        event: {
          payload: event.payload,
          timestampMs: this.#context.timestamps.next(),
          // NOTE: a replay after a crash is deduplicated only when it groups the same messages into the
          // same event, because the token covers every message id of the event.
          clientToken: deriveClientToken([memoryId, actorId, sessionId, agentId, 'messages', ...event.messageIds]),
          metadata,
        },
      }
    })
  }
}

function fitsMetadataLimit(entries: PendingMessage[]): boolean {
  const union: EventMetadata = {}
  for (const entry of entries) {
    Object.assign(union, entry.metadata)
  }
  try {
    checkKeyCount('metadata', union, reservedMessageKeyCount)
    return true
  } catch {
    return false
  }
}
