import { NO_STATE_POINTER, toStatePointer } from '../codec'

/**
 * Tracks which agent-state event is this agent's newest, so each message event can name it in its
 * `stateEventId` metadata. The pointer is unknown, and left off, until a restore, the timestamp seed read or a
 * state write of this session sets it. It is also unknown while a state write of this session is prepared but
 * not settled, because a message event prepared then may be stored after that state.
 *
 * NOTE: the pointer covers what this session read and wrote. A state that another process writes to the same
 * session, or that an outbox replays with an old timestamp, is unknown to it. A limited restore misses such a state
 * when it is more than 100 events old and no event in the newest 100 names it.
 */
export class NewestStateTracker {
  /** The metadata value, or undefined while unknown. */
  #pointer: string | undefined
  #inFlight = 0
  #wroteState = false

  /** Returns the `stateEventId` value for a message event prepared now, or undefined when unknown. */
  pointer(): string | undefined {
    return this.#inFlight > 0 ? undefined : this.#pointer
  }

  /**
   * Records what a read found: the newest state's event id, `null` when the agent has none, or undefined when
   * the read could not tell. Ignored once this session started writing state, since its own writes are newer.
   */
  learn(eventId: string | null | undefined): void {
    if (this.#wroteState) return
    if (eventId === null) {
      this.#pointer = NO_STATE_POINTER
    } else if (eventId === undefined) {
      this.#pointer = undefined
    } else {
      this.#pointer = toStatePointer(eventId)
    }
  }

  /** Marks a state write as prepared: its timestamp is fixed and the event may land before later messages. */
  stateWriteStarted(): void {
    this.#wroteState = true
    this.#inFlight += 1
  }

  /** Records the event id of a state write that succeeded. */
  stateWritten(eventId: string): void {
    this.#pointer = toStatePointer(eventId)
  }

  /** Ends a prepared state write; after a failure the state may or may not be stored, so the pointer is unknown. */
  stateWriteSettled(failed: boolean): void {
    this.#inFlight -= 1
    if (failed) this.#pointer = undefined
  }
}
