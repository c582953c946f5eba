import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestDemo, type TestDemo } from '../test-support/demo-harness'
import { claimsOf, listStoredMessages, type StoredMessage } from '../test-support/stored-messages'
import { TestClient } from '../test-support/ws-client'

const longPrompt = `Please repeat ${'many words '.repeat(300)}`

/** Waits until the server has ended every conversation, which includes closing (flushing) its memory session. */
async function waitForNoConversations(demo: TestDemo): Promise<void> {
  for (let attempt = 0; attempt < 500 && demo.server.conversationCount() > 0; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  expect(demo.server.conversationCount()).toBe(0)
}

function expectValidHistory(messages: readonly StoredMessage[]): void {
  expect(messages.length % 2).toBe(0)
  messages.forEach((message, index) => {
    expect(message.role, `role of message ${index}`).toBe(index % 2 === 0 ? 'user' : 'assistant')
  })
  expect(new Set(messages.map((message) => message.id)).size).toBe(messages.length)
}

describe('demo server disconnects', () => {
  let demo: TestDemo

  beforeAll(async () => {
    demo = await startTestDemo()
  })

  afterAll(async () => {
    await demo.stop()
  })

  it('leaves a restorable history after a disconnect mid-stream', async () => {
    const client = await TestClient.connect(demo.url)
    const { token } = await client.next('session')
    client.prompt(longPrompt)
    await client.next('token')
    client.socket.terminate()
    await waitForNoConversations(demo)

    const { actorId, sessionId } = claimsOf(token)
    const stored = await listStoredMessages(demo.memory.client, demo.memory.memoryId, actorId, sessionId)
    expectValidHistory(stored)
    expect(stored).toHaveLength(2)
    expect(demo.logs.some((line) => line.event === 'turn_finished' && line.stopReason === 'cancelled')).toBe(true)

    const resumed = await TestClient.connect(demo.url, { token })
    const session = await resumed.next('session')
    const next = await resumed.turn('Are you there?')
    await resumed.close()
    await waitForNoConversations(demo)
    const after = await listStoredMessages(demo.memory.client, demo.memory.memoryId, actorId, sessionId)

    expect(session.history.map((message) => message.role)).toEqual(['user', 'assistant'])
    expect(next.done.stopReason).toBe('endTurn')
    expect(next.text).toContain('This is prompt 2 of our conversation.')
    expectValidHistory(after)
    expect(after).toHaveLength(4)
  })
})

describe('demo server shutdown', () => {
  it('cancels running turns and flushes every session', async () => {
    const demo = await startTestDemo({ latency: { default: { fixedMs: 20 } } })
    try {
      const clients = await Promise.all([1, 2, 3].map(() => TestClient.connect(demo.url)))
      const tokens = await Promise.all(clients.map(async (client) => (await client.next('session')).token))
      for (const client of clients) client.prompt(longPrompt)
      await Promise.all(clients.map((client) => client.next('token')))

      await demo.server.close()
      const errors = await Promise.all(clients.map((client) => client.next('error')))
      const closes = await Promise.all(clients.map((client) => client.closed))

      expect(errors.map((error) => error.code)).toEqual([
        'server_shutting_down',
        'server_shutting_down',
        'server_shutting_down',
      ])
      expect(closes.map((close) => close.code)).toEqual([1001, 1001, 1001])
      for (const client of clients) {
        const types = client.received.map((message) => message.type)
        const done = client.received.find((message) => message.type === 'done')

        expect(done?.stopReason).toBe('cancelled')
        expect(types.indexOf('done')).toBeLessThan(types.indexOf('error'))
        expect(types.at(-1)).toBe('error')
      }
      for (const token of tokens) {
        const { actorId, sessionId } = claimsOf(token)
        const stored = await listStoredMessages(demo.memory.client, demo.memory.memoryId, actorId, sessionId)
        expectValidHistory(stored)
        expect(stored).toHaveLength(2)
      }
      await expect(TestClient.connect(demo.url)).rejects.toThrow()
    } finally {
      await demo.stop()
    }
  })
})
