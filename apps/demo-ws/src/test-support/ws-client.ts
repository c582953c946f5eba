import WebSocket from 'ws'
import type { ServerMessage } from '../protocol/messages'

/** A real `ws` client that queues the server's messages so a test can await them in order. */
export class TestClient {
  readonly socket: WebSocket
  readonly received: ServerMessage[] = []
  readonly #waiters: Array<() => void> = []
  #cursor = 0
  readonly closed: Promise<{ code: number; reason: string }>

  private constructor(socket: WebSocket) {
    this.socket = socket
    socket.on('message', (data) => {
      this.received.push(JSON.parse(data.toString()) as ServerMessage)
      this.#wake()
    })
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => {
        this.#wake()
        resolve({ code, reason: reason.toString() })
      })
    })
  }

  /** Opens a socket to the server's WebSocket endpoint with the given query and `Origin` header. */
  static async connect(
    baseUrl: string,
    query: Record<string, string> = {},
    origin: string | undefined = new URL(baseUrl).origin,
  ): Promise<TestClient> {
    const url = new URL('/ws', baseUrl)
    url.protocol = 'ws:'
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value)
    const socket = new WebSocket(url, origin === undefined ? {} : { origin })
    const client = new TestClient(socket)
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve())
      socket.once('error', reject)
    })
    return client
  }

  /** Sends a JSON message. */
  send(message: unknown): void {
    this.socket.send(JSON.stringify(message))
  }

  /** Sends a prompt. */
  prompt(text: string, id?: string): void {
    this.send(id === undefined ? { type: 'prompt', text } : { type: 'prompt', text, id })
  }

  /** Returns the next unread message of the given type, skipping others, or fails after `timeoutMs`. */
  async next<T extends ServerMessage['type']>(
    type: T,
    timeoutMs = 10_000,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      while (this.#cursor < this.received.length) {
        const message = this.received[this.#cursor++]
        if (message?.type === type) return message as Extract<ServerMessage, { type: T }>
      }
      if (this.socket.readyState === WebSocket.CLOSED) throw new Error(`Socket closed before a "${type}" message`)
      const remaining = deadline - Date.now()
      if (remaining <= 0) throw new Error(`No "${type}" message within ${timeoutMs} ms`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining)
        this.#waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }

  /** Sends a prompt and returns every message of its turn up to and including `done`. */
  async turn(
    text: string,
  ): Promise<{ text: string; messages: ServerMessage[]; done: Extract<ServerMessage, { type: 'done' }> }> {
    const start = this.received.length
    this.prompt(text)
    const done = await this.next('done')
    const messages = this.received.slice(start, this.received.indexOf(done) + 1)
    const tokens = messages.flatMap((message) => (message.type === 'token' ? [message.text] : []))
    return { text: tokens.join(''), messages, done }
  }

  /** Closes the socket and waits for the close handshake. */
  async close(): Promise<void> {
    if (this.socket.readyState !== WebSocket.CLOSED) this.socket.close(1000)
    await this.closed
  }

  #wake(): void {
    for (const waiter of this.#waiters.splice(0)) waiter()
  }
}
