import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestDemo, type TestDemo } from '../test-support/demo-harness'
import { claimsOf, listStoredMessages } from '../test-support/stored-messages'
import { TestClient } from '../test-support/ws-client'

const conversations = 50

describe('demo server under concurrency', () => {
  let demo: TestDemo

  beforeAll(async () => {
    demo = await startTestDemo()
  })

  afterAll(async () => {
    await demo.stop()
  })

  it('stores every message of 50 conversations once', async () => {
    const results = await Promise.all(
      Array.from({ length: conversations }, async (_, index) => {
        const client = await TestClient.connect(demo.url)
        const { token } = await client.next('session')
        const greeting = await client.turn(`Hello from conversation ${index}`)
        const time = await client.turn('What time is it?')
        await client.close()
        return { token, index, greeting, time }
      }),
    )
    for (let attempt = 0; attempt < 500 && demo.server.conversationCount() > 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }

    expect(demo.server.conversationCount()).toBe(0)
    for (const { token, index, greeting, time } of results) {
      expect(greeting.text).toContain(`conversation ${index}`)
      expect(time.messages.some((message) => message.type === 'tool_call')).toBe(true)

      const { actorId, sessionId } = claimsOf(token)
      const stored = await listStoredMessages(demo.memory.client, demo.memory.memoryId, actorId, sessionId)
      // Turn 1: prompt and reply. Turn 2: prompt, tool use, tool result, reply.
      expect(stored.map((message) => message.role)).toEqual([
        'user',
        'assistant',
        'user',
        'assistant',
        'user',
        'assistant',
      ])
      expect(new Set(stored.map((message) => message.id)).size).toBe(6)
      expect(stored[0]?.content).toEqual([{ text: `Hello from conversation ${index}` }])
    }
  })
})
