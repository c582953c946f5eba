import WebSocket from 'ws'

/** A message from the demo server; `type` selects the shape, as the demo's README lists them. */
export type ServerMessage = Record<string, unknown> & { type: string }

/** A real `ws` client of the demo that queues the server's messages so a caller can await them in order. */
export class ChatClient {
  readonly socket: WebSocket
  readonly received: ServerMessage[] = []
  /** Resolves with the close code and reason once the socket is closed. */
  readonly closed: Promise<{ code: number; reason: string }>
  #cursor = 0
  #wake: (() => void) | undefined

  private constructor(socket: WebSocket) {
    this.socket = socket
    socket.on('message', (data: WebSocket.RawData) => {
      this.received.push(JSON.parse(data.toString()) as ServerMessage)
      this.#wake?.()
    })
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => {
        this.#wake?.()
        resolve({ code, reason: reason.toString() })
      })
    })
  }

  /** Opens `/ws` on the demo's URL with the given query; `origin` defaults to the demo's own origin. */
  static async connect(
    baseUrl: string,
    query: Record<string, string> = {},
    origin?: string | null,
  ): Promise<ChatClient> {
    const url = new URL('/ws', baseUrl)
    url.protocol = 'ws:'
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value)
    const headerOrigin = origin === undefined ? new URL(baseUrl).origin : origin
    const socket = new WebSocket(url, headerOrigin === null ? {} : { origin: headerOrigin })
    const client = new ChatClient(socket)
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve())
      socket.once('error', reject)
    })
    return client
  }

  /** Sends a prompt. */
  prompt(text: string): void {
    this.socket.send(JSON.stringify({ type: 'prompt', text }))
  }

  /** Returns the next unread message of `type`, skipping others; rejects when the socket closes or after `timeoutMs`. */
  async next(type: string, timeoutMs = 30_000): Promise<ServerMessage> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      while (this.#cursor < this.received.length) {
        const message = this.received[this.#cursor++]
        if (message?.type === type) return message
      }
      if (this.socket.readyState === WebSocket.CLOSED) throw new Error(`The socket closed before a '${type}' message.`)
      const remaining = deadline - Date.now()
      if (remaining <= 0) throw new Error(`No '${type}' message within ${timeoutMs} ms.`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining)
        this.#wake = () => {
          clearTimeout(timer)
          this.#wake = undefined
          resolve()
        }
      })
    }
  }

  /** Sends a prompt and returns the streamed text and the `done` message of its turn. */
  async turn(text: string, timeoutMs = 30_000): Promise<{ reply: string; done: ServerMessage }> {
    const start = this.received.length
    this.prompt(text)
    const done = await this.next('done', timeoutMs)
    const reply = this.received
      .slice(start)
      .filter((message) => message.type === 'token' && message.turnId === done.turnId)
      .map((message) => String(message.text))
      .join('')
    return { reply, done }
  }

  /** Closes the socket and waits for the close handshake. */
  async close(): Promise<void> {
    if (this.socket.readyState !== WebSocket.CLOSED) this.socket.close()
    await this.closed
  }
}
