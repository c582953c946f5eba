import { type AgentState, encodeAgentState } from '../codec'
import type { WriteFailedError } from '../errors/write-failed-error'
import type { DurableEvent, WriteTask } from '../executor/executor'
import { deriveClientToken } from '../internal/client-token'
import { stableStringify } from '../internal/stable-stringify'
import { estimateSize } from './pending-message'
import { type PreparedEvent, sendCreateEvent, toDurableEvent } from './send-create-event'
import type { WriteContext } from './write-context'

/**
 * Writes one agent state as a blob event. A newer state queued behind it
 * replaces it, because only the newest state is ever read.
 */
export class StateTask implements WriteTask {
  readonly operation = 'state'
  readonly messageIds: readonly string[] = []
  readonly queueKey: string
  readonly sizeBytes: number
  readonly #context: WriteContext
  readonly #state: AgentState
  readonly #onSettled: (error?: WriteFailedError) => void
  #prepared: PreparedEvent | undefined
  /** Whether this write is counted as in flight by the session's newest-state tracker. */
  #tracked = false
  #attempt = 0

  constructor(context: WriteContext, state: AgentState, onSettled: (error?: WriteFailedError) => void) {
    this.#context = context
    this.#state = state
    this.#onSettled = onSettled
    this.queueKey = context.queueKey
    this.sizeBytes = estimateSize(state)
  }

  /** Skips this state in favour of a newer one queued right behind it. */
  mergeWith(next: WriteTask): WriteTask | undefined {
    if (!(next instanceof StateTask) || next.#context !== this.#context || this.#prepared !== undefined) {
      return undefined
    }
    return {
      operation: 'state',
      messageIds: [],
      queueKey: next.queueKey,
      sizeBytes: next.sizeBytes,
      attempt: () => next.attempt(),
      mergeWith: (following) => next.mergeWith(following),
      settle: (error) => {
        this.settle(error)
        next.settle(error)
      },
    }
  }

  /** Encodes, stamps and tokens the state event now. */
  async prepareDurable(minTimestampMs?: number): Promise<readonly DurableEvent[]> {
    return [toDurableEvent(this.#context, await this.#ensurePrepared(minTimestampMs))]
  }

  async attempt(): Promise<void> {
    this.#attempt += 1
    const eventId = await sendCreateEvent(this.#context, await this.#ensurePrepared(), this.#attempt)
    this.#context.newestState.stateWritten(eventId)
  }

  settle(error?: WriteFailedError): void {
    if (this.#tracked) {
      this.#tracked = false
      this.#context.newestState.stateWriteSettled(error !== undefined)
    }
    this.#onSettled(error)
  }

  async #ensurePrepared(minTimestampMs?: number): Promise<PreparedEvent> {
    // A retry through retryFailedWrites reuses the prepared event but is in flight again.
    if (!this.#tracked) {
      this.#tracked = true
      this.#context.newestState.stateWriteStarted()
    }
    if (this.#prepared === undefined) {
      await this.#context.ensureSeeded()
      if (minTimestampMs !== undefined) {
        this.#context.timestamps.seed(minTimestampMs)
      }
      const { memoryId, actorId, sessionId, agentId, storageFormat } = this.#context
      const encoded = encodeAgentState(this.#state, { format: storageFormat, agentId, sessionId })
      const timestampMs = this.#context.timestamps.next()
      this.#prepared = {
        payload: encoded.payload,
        metadata: encoded.metadata,
        timestampMs,
        // The timestamp is part of the identity: saving A, then B, then A again must write three events.
        clientToken: deriveClientToken([
          memoryId,
          actorId,
          sessionId,
          agentId,
          'state',
          String(timestampMs),
          stableStringify(this.#state),
        ]),
      }
    }
    return this.#prepared
  }
}
