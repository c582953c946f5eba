/** A live conversation that can give its session to a newer connection. */
export interface SessionHolder {
  /** Ends the running turn, flushes the session's writes and closes the holder's socket. */
  handOver(): Promise<void>
}

/** One connection's claim on a session, from its handshake until its conversation ends. */
export interface SessionLease<T extends SessionHolder> {
  /**
   * Resolves once every earlier holder of the session has handed it over: `true` when this connection may start
   * its conversation, `false` when a newer connection claimed the session in the meantime.
   */
  readonly ready: Promise<boolean>
  /** Records the conversation that now owns the session, or `undefined` when the connection did not start one. */
  settle(holder: T | undefined): void
  /** Drops the claim after the conversation ended; a newer claim on the session stays in place. */
  release(): void
}

class Lease<T extends SessionHolder> implements SessionLease<T> {
  ready: Promise<boolean> = Promise.resolve(true)
  superseded = false
  readonly #settled: Promise<T | undefined>
  #resolveSettled: (holder: T | undefined) => void = () => {}
  readonly #onRelease: (lease: Lease<T>) => void

  constructor(onRelease: (lease: Lease<T>) => void) {
    this.#onRelease = onRelease
    this.#settled = new Promise((resolve) => {
      this.#resolveSettled = resolve
    })
  }

  settle(holder: T | undefined): void {
    this.#resolveSettled(holder)
  }

  release(): void {
    this.#resolveSettled(undefined)
    this.#onRelease(this)
  }

  /** Marks the lease as replaced, then waits until its conversation (if it started one) has handed over. */
  async supersede(): Promise<void> {
    this.superseded = true
    const holder = await this.#settled
    await holder?.handOver()
  }
}

/**
 * Keeps at most one live conversation per session. A connection that claims a session that another connection
 * owns waits until that conversation has cancelled its turn, flushed its writes and closed its socket, so two
 * turns never write to one session at the same time. Claims are served in arrival order, and only the newest
 * waiting claim starts a conversation.
 */
export class SessionRegistry<T extends SessionHolder> {
  readonly #leases = new Map<string, Lease<T>>()

  /** Claims the session with the given key for a new connection. */
  claim(key: string): SessionLease<T> {
    const previous = this.#leases.get(key)
    const lease: Lease<T> = new Lease((released) => {
      if (this.#leases.get(key) === released) this.#leases.delete(key)
    })
    this.#leases.set(key, lease)
    if (previous) {
      // `handOver` reports its own failures, so a rejection here still means the previous holder is gone.
      const handedOver = previous.supersede().catch(() => {})
      lease.ready = handedOver.then(() => !lease.superseded)
    }
    return lease
  }
}
