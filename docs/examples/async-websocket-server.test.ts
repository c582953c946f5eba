import type { Logger } from '@agentcore-session/core'
import { type Emulator, startEmulator } from '@agentcore-session/emulator'
import { ScriptedModel, type ScriptedTurn } from '@agentcore-session/strands/testing'
import { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { type ChatServer, type ServerMessage, startChatServer } from './async-websocket-server'

const memoryId = 'docs_memory-AAAAAAAAAA'

/** A WebSocket client that records every server message in arrival order. */
class TestClient {
  readonly messages: ServerMessage[] = []
  readonly socket: WebSocket
  readonly #waiters: { predicate: (message: ServerMessage) => boolean; resolve: (message: ServerMessage) => void }[] =
    []
  readonly closed: Promise<{ code: number; reason: string }>

  constructor(url: string) {
    this.socket = new WebSocket(url)
    this.socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as ServerMessage
      this.messages.push(message)
      for (const waiter of [...this.#waiters]) {
        if (waiter.predicate(message)) {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1)
          waiter.resolve(message)
        }
      }
    })
    this.closed = new Promise((resolve) => {
      this.socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
    })
  }

  /** Resolves with the first message of `type`, also when it already arrived. */
  next<T extends ServerMessage['type']>(type: T): Promise<Extract<ServerMessage, { type: T }>> {
    const seen = this.messages.find((message) => message.type === type)
    if (seen !== undefined) return Promise.resolve(seen as Extract<ServerMessage, { type: T }>)
    return new Promise((resolve) => {
      this.#waiters.push({
        predicate: (message) => message.type === type,
        resolve: (message) => resolve(message as Extract<ServerMessage, { type: T }>),
      })
    })
  }

  send(text: string): void {
    this.socket.send(JSON.stringify({ text }))
  }

  async close(): Promise<void> {
    this.socket.close()
    await this.closed
  }
}

describe('async WebSocket server example', () => {
  let emulator: Emulator
  let client: BedrockAgentCoreClient
  let server: ChatServer | undefined

  beforeAll(async () => {
    emulator = await startEmulator({ memories: [{ id: memoryId }] })
    client = new BedrockAgentCoreClient(emulator.clientConfig())
  })

  afterEach(async () => {
    await server?.close()
    server = undefined
    emulator.setFaults({})
    await emulator.reset()
  })

  afterAll(async () => {
    client.destroy()
    await emulator.close()
  })

  function start(
    turns: ScriptedTurn[],
    modelOptions: { tokenDelayMs?: number } = {},
    logger?: Logger,
  ): Promise<ChatServer> {
    const model = new ScriptedModel({ turns, ...modelOptions })
    return startChatServer({ client, memoryId, port: 0, createModel: () => model, ...(logger ? { logger } : {}) })
  }

  /** Builds a logger that records the message of every `error` call. */
  function recordingLogger(): Logger & { errors: string[] } {
    const ignore = () => {}
    const errors: string[] = []
    return {
      debug: ignore,
      info: ignore,
      warn: ignore,
      error: (_fields, message) => errors.push(message ?? ''),
      errors,
    }
  }

  it('streams tokens, then done', async () => {
    server = await start([{ text: ['Hello', ' Alice', '!'] }])
    const chat = new TestClient(`${server.url}/?actorId=alice&sessionId=chat-1`)
    await chat.next('history')

    chat.send('Hi, I am Alice.')
    const done = await chat.next('done')

    const tokens = chat.messages.filter((message) => message.type === 'token').map((message) => message.text)
    expect(tokens).toEqual(['Hello', ' Alice', '!'])
    expect(done.stopReason).toBe('endTurn')
    expect(chat.messages.map((message) => message.type)).toEqual(['history', 'token', 'token', 'token', 'done'])
    await chat.close()
  })

  it('restores history after a restart', async () => {
    server = await start([{ text: 'Nice to meet you.' }])
    const first = new TestClient(`${server.url}/?actorId=alice&sessionId=chat-2`)
    expect(await first.next('history')).toEqual({ type: 'history', messages: [] })
    first.send('My name is Alice.')
    await first.next('done')
    await first.close()
    // Shutdown flushes every session, so the writes are durable before the port closes.
    await server.close()
    expect(emulator.requestCounts().CreateEvent).toBeGreaterThanOrEqual(2)

    server = await start([])
    const second = new TestClient(`${server.url}/?actorId=alice&sessionId=chat-2`)
    const history = await second.next('history')

    expect(history.messages).toEqual([
      { role: 'user', text: 'My name is Alice.' },
      { role: 'assistant', text: 'Nice to meet you.' },
    ])
    await second.close()
  })

  it('keeps sessions of other actors apart', async () => {
    server = await start([{ text: 'Noted.' }])
    const alice = new TestClient(`${server.url}/?actorId=alice&sessionId=chat-3`)
    await alice.next('history')
    alice.send('Remember the blue door.')
    await alice.next('done')
    await alice.close()
    await server.close()

    server = await start([])
    const bob = new TestClient(`${server.url}/?actorId=bob&sessionId=chat-3`)
    expect(await bob.next('history')).toEqual({ type: 'history', messages: [] })
    await bob.close()
  })

  it('cancels the turn on disconnect', async () => {
    const words = Array.from({ length: 200 }, (_, index) => `word${index} `)
    server = await start([{ text: words }], { tokenDelayMs: 20 })
    const chat = new TestClient(`${server.url}/?actorId=alice&sessionId=chat-4`)
    await chat.next('history')
    chat.send('Tell me a long story.')
    await chat.next('token')
    await chat.close()
    await server.close()

    server = await start([])
    const again = new TestClient(`${server.url}/?actorId=alice&sessionId=chat-4`)
    const history = await again.next('history')

    // The cancelled turn still ends with an assistant message, so the stored history stays valid.
    expect(history.messages[0]).toEqual({ role: 'user', text: 'Tell me a long story.' })
    expect(history.messages.at(-1)?.role).toBe('assistant')
    expect(history.messages.at(-1)?.text).not.toContain('word199')
    await again.close()
  })

  it('reports a failed restore', async () => {
    const logger = recordingLogger()
    server = await start([], {}, logger)
    emulator.setFaults({ serviceErrorRate: 1, operations: ['ListEvents'] })

    const chat = new TestClient(`${server.url}/?actorId=alice&sessionId=chat-6`)
    const error = await chat.next('error')

    expect(error.message).toContain('could not be restored')
    expect(chat.messages.some((message) => message.type === 'history')).toBe(false)
    expect(logger.errors).toContain('Restore failed')
    await chat.close()
  })

  it('reports a failed turn', async () => {
    const logger = recordingLogger()
    server = await start([{ error: new Error('model unavailable') }], {}, logger)
    const chat = new TestClient(`${server.url}/?actorId=alice&sessionId=chat-7`)
    await chat.next('history')

    chat.send('Hello?')
    const error = await chat.next('error')

    expect(error.message).toContain('failed during this turn')
    expect(chat.messages.some((message) => message.type === 'done')).toBe(false)
    expect(logger.errors).toContain('Turn failed')
    await chat.close()
  })

  it('rejects a connection without ids', async () => {
    server = await start([])
    const chat = new TestClient(server.url)

    const closed = await chat.closed

    expect(closed.code).toBe(1008)
    expect(chat.messages).toEqual([])
  })

  it('rejects an invalid session id', async () => {
    server = await start([])
    const chat = new TestClient(`${server.url}/?actorId=alice&sessionId=${encodeURIComponent('bad id!')}`)

    const closed = await chat.closed

    expect(closed).toEqual({ code: 1008, reason: 'INVALID_OPTION' })
  })

  it('rejects a prompt without text', async () => {
    server = await start([])
    const chat = new TestClient(`${server.url}/?actorId=alice&sessionId=chat-5`)
    await chat.next('history')

    chat.socket.send('not json')
    const error = await chat.next('error')

    expect(error.message).toContain('"text"')
    await chat.close()
  })
})
