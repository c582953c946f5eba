import { CreateEventCommand } from '@aws-sdk/client-bedrock-agentcore'
import type { WriteFailedError } from '../../errors/write-failed-error'
import type { MemoryClient } from '../../session/memory-client'
import type { WriteTask } from '../executor'
import type { OutboxWriteRecord } from './outbox-record'

/**
 * Resends a journaled write after a restart. It sends the stored requests
 * unchanged, so the service drops the ones that reached it before the crash
 * by their client tokens.
 */
export class ReplayTask implements WriteTask {
  readonly queueKey: string
  readonly sizeBytes: number
  readonly operation: 'append' | 'state'
  readonly messageIds: readonly string[]
  /** The journal record this task replays. */
  readonly record: OutboxWriteRecord
  readonly #client: MemoryClient
  readonly #onSettled: (error?: WriteFailedError) => void
  #sent = 0

  constructor(
    record: OutboxWriteRecord,
    sizeBytes: number,
    client: MemoryClient,
    onSettled: (error?: WriteFailedError) => void,
  ) {
    this.record = record
    this.queueKey = record.key
    this.sizeBytes = sizeBytes
    this.operation = record.kind
    this.messageIds = record.messageIds
    this.#client = client
    this.#onSettled = onSettled
  }

  async attempt(): Promise<void> {
    // Events that succeeded in an earlier attempt are not sent again, as in the original task.
    for (; this.#sent < this.record.events.length; this.#sent += 1) {
      const event = this.record.events[this.#sent]!
      await this.#client.send(
        new CreateEventCommand({
          memoryId: event.memoryId,
          actorId: event.actorId,
          sessionId: event.sessionId,
          eventTimestamp: new Date(event.timestampMs),
          payload: event.payload,
          clientToken: event.clientToken,
          ...(event.metadata === undefined ? {} : { metadata: event.metadata }),
        }),
      )
    }
  }

  settle(error?: WriteFailedError): void {
    this.#onSettled(error)
  }
}
