import type { ServerMessage } from '../protocol/messages'

/** The part of a `ws` WebSocket that the sender uses. */
export interface SendableSocket {
  readonly readyState: number
  readonly bufferedAmount: number
  send(data: string): void
}

/** Send-buffer limits for one connection. */
export interface SendLimits {
  /** Bytes buffered for the client above which a turn pauses until the client catches up. */
  highWaterBytes: number
  /** How long a turn waits for the buffer to drain below half the high-water mark before giving up, in ms. */
  drainTimeoutMs: number
}

/** Raised when a client stays behind for longer than the drain timeout. */
export class SlowConsumerError extends Error {
  override readonly name = 'SlowConsumerError'
  constructor(
    readonly bufferedBytes: number,
    readonly waitedMs: number,
  ) {
    super(`Client kept ${bufferedBytes} bytes unread for ${waitedMs} ms; it reads slower than the server sends.`)
  }
}

const openState = 1
const drainPollMs = 5

/**
 * Sends JSON messages to one socket with bounded buffering. During a turn, {@link SocketSender.sendPaced} waits
 * while the socket's buffer is above the high-water mark, which pauses the agent's pull-based stream and
 * therefore the model, so a slow reader never makes the server buffer a whole reply.
 */
export class SocketSender {
  readonly #socket: SendableSocket
  readonly #limits: SendLimits

  constructor(socket: SendableSocket, limits: SendLimits) {
    this.#socket = socket
    this.#limits = limits
  }

  /** Whether the socket can still take messages. */
  get isOpen(): boolean {
    return this.#socket.readyState === openState
  }

  /** Sends a control message without waiting; dropped when the socket is no longer open. */
  send(message: ServerMessage): void {
    if (this.isOpen) this.#socket.send(JSON.stringify(message))
  }

  /**
   * Sends a streaming message, then waits while the client is behind.
   * @throws {SlowConsumerError} when the buffer does not drain within the drain timeout.
   */
  async sendPaced(message: ServerMessage): Promise<void> {
    if (!this.isOpen) return
    this.#socket.send(JSON.stringify(message))
    if (this.#socket.bufferedAmount <= this.#limits.highWaterBytes) return

    // `ws` exposes no drain event, so poll the buffered amount; the poll ends by timeout at the latest.
    const lowWater = this.#limits.highWaterBytes / 2
    const started = performance.now()
    while (this.isOpen && this.#socket.bufferedAmount > lowWater) {
      const waited = performance.now() - started
      if (waited >= this.#limits.drainTimeoutMs) {
        throw new SlowConsumerError(this.#socket.bufferedAmount, Math.round(waited))
      }
      await new Promise((resolve) => setTimeout(resolve, drainPollMs))
    }
  }
}
