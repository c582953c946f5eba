import type { Socket } from 'node:net'
import { ScriptedModel } from '@agentcore-session/strands/testing'
import { describe, expect, it } from 'vitest'
import { startTestDemo } from '../test-support/demo-harness'
import { claimsOf, listStoredMessages } from '../test-support/stored-messages'
import { TestClient } from '../test-support/ws-client'

describe('demo server failures', () => {
  it('reports a model failure as turn_failed', async () => {
    let calls = 0
    const demo = await startTestDemo({
      models: {
        label: 'scripted test model',
        create: () =>
          new ScriptedModel({
            turns: () => {
              calls++
              return calls === 1 ? { error: new Error('model unavailable') } : { text: 'Back again.' }
            },
          }),
      },
    })
    try {
      const client = await TestClient.connect(demo.url)
      await client.next('session')

      client.prompt('first', 'failing')
      const error = await client.next('error')
      const retry = await client.turn('second')

      expect(error.code).toBe('turn_failed')
      expect(error.turnId).toBe('failing')
      expect(error.message).toMatch(/error id [0-9a-f-]{36}/)
      expect(error.message).not.toContain('model unavailable')
      expect(client.received.filter((message) => message.type === 'done')).toHaveLength(1)
      expect(retry.text).toBe('Back again.')
      const logged = demo.logs.find((line) => line.event === 'turn_failed')
      expect(logged?.errorId).toBe(error.message.match(/error id ([0-9a-f-]{36})/)?.[1])
      await client.close()
    } finally {
      await demo.stop()
    }
  })

  it('reports a failed restore as restore_failed', async () => {
    const demo = await startTestDemo()
    try {
      demo.memory.emulator?.setFaults({ serviceErrorRate: 1, operations: ['ListEvents'] })
      const client = await TestClient.connect(demo.url)
      const error = await client.next('error')
      const closed = await client.closed
      demo.memory.emulator?.setFaults({})
      const retry = await TestClient.connect(demo.url)
      const session = await retry.next('session')

      expect(error.code).toBe('restore_failed')
      expect(closed.code).toBe(1000)
      expect(client.received.some((message) => message.type === 'session')).toBe(false)
      expect(demo.logs.some((line) => line.event === 'restore_failed' && typeof line.errorId === 'string')).toBe(true)
      expect(session.resumed).toBe(false)
      await retry.close()
    } finally {
      await demo.stop()
    }
  })

  it('disconnects a client that stops reading', async () => {
    // 20 MiB of 4 KiB tokens: more than Linux's default TCP buffers (a few MiB) hold, so the server's send buffer fills.
    const chunk = `${'x'.repeat(4095)} `
    const demo = await startTestDemo({
      limits: { highWaterBytes: 64 * 1024, drainTimeoutMs: 200 },
      models: {
        label: 'scripted test model',
        create: () => new ScriptedModel({ turns: () => ({ text: Array.from({ length: 5_000 }, () => chunk) }) }),
      },
    })
    try {
      const client = await TestClient.connect(demo.url)
      const { token } = await client.next('session')
      const rawSocket = (client.socket as unknown as { _socket: Socket })._socket
      rawSocket.pause()
      client.prompt('flood me')

      for (let attempt = 0; attempt < 500 && demo.server.conversationCount() > 0; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      rawSocket.resume()
      const closed = await client.closed

      expect(demo.server.conversationCount()).toBe(0)
      expect(demo.logs.some((line) => line.event === 'slow_consumer')).toBe(true)
      expect([1006, 4408]).toContain(closed.code)
      const { actorId, sessionId } = claimsOf(token)
      const stored = await listStoredMessages(demo.memory.client, demo.memory.memoryId, actorId, sessionId)
      expect(stored.map((message) => message.role)).toEqual(['user', 'assistant'])
      // Strands 1.19.0 replaces a cancelled partial reply with this text.
      expect(stored[1]?.content).toEqual([{ text: 'Cancelled by user' }])
    } finally {
      await demo.stop()
    }
  })
})
