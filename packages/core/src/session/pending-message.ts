import type { EncodedEvent } from '../codec'
import type { WriteFailedError } from '../errors/write-failed-error'
import type { MessageData } from '../message'
import type { EventMetadata } from './metadata'

/** Stage of an accepted message on its way to storage. */
export type PendingMessageStage = 'held' | 'queued' | 'sending' | 'settled'

/** A message accepted by the session and not yet durable. */
export interface PendingMessage {
  /** The message's stable id. */
  id: string
  /** The message; replaced in place while the stage is `held` or `queued`. */
  message: MessageData
  /** The user metadata of the message's event. */
  metadata: EventMetadata
  /** The message encoded on its own when accepted; the batch that writes it packs these events unchanged. */
  encoded: EncodedEvent[]
  /** Approximate memory held, in bytes. */
  sizeBytes: number
  /** The message's current stage. */
  stage: PendingMessageStage
  /** Settles once the message is durable or given up on; never rejects. */
  settled: Promise<WriteFailedError | undefined>
  /** Settles {@link PendingMessage.settled}. */
  settle: (error?: WriteFailedError) => void
}

/** Estimates the memory a message holds, counting byte arrays by length. */
export function estimateSize(value: unknown): number {
  let size = 0
  const visit = (item: unknown): void => {
    if (item instanceof Uint8Array) {
      size += item.byteLength
    } else if (typeof item === 'string') {
      size += item.length * 2
    } else if (Array.isArray(item)) {
      size += 8
      for (const element of item) {
        visit(element)
      }
    } else if (item !== null && typeof item === 'object') {
      for (const [key, entry] of Object.entries(item)) {
        size += key.length * 2 + 8
        visit(entry)
      }
    } else {
      size += 8
    }
  }
  visit(value)
  return size
}

/** Creates a pending message in the `held` stage. */
export function createPendingMessage(
  id: string,
  message: MessageData,
  metadata: EventMetadata,
  encoded: EncodedEvent[],
): PendingMessage {
  let settle: (error?: WriteFailedError) => void = () => {}
  const settled = new Promise<WriteFailedError | undefined>((resolve) => {
    settle = resolve
  })
  return { id, message, metadata, encoded, sizeBytes: estimateSize(message), stage: 'held', settled, settle }
}
