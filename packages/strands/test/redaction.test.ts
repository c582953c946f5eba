import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ScriptedModel } from '../src/testing/index'
import {
  listAllEvents,
  type MemoryFixture,
  newAgent,
  newManager,
  startMemoryFixture,
  uniqueSessionId,
} from './support/memory-fixture'

const SECRET = 'my card number is 4111 1111 1111 1111'

describe('redaction', () => {
  let fixture: MemoryFixture

  beforeAll(async () => {
    fixture = await startMemoryFixture()
  })

  afterAll(async () => {
    await fixture.close()
  })

  for (const asyncMode of [false, true]) {
    it(`replaces the stored message (asyncMode ${asyncMode})`, async () => {
      const sessionId = uniqueSessionId(`redaction-${asyncMode}`)
      const manager = newManager(fixture, { sessionId, asyncMode })
      const model = new ScriptedModel({ turns: [{ text: 'I cannot help with that.', redactInput: '[input blocked]' }] })
      const agent = newAgent(model, manager)

      await agent.invoke(SECRET)
      await manager.flush()

      expect(agent.messages[0]?.toJSON().content).toEqual([{ text: '[input blocked]' }])
      const stored = JSON.stringify(await listAllEvents(fixture, sessionId))
      expect(stored).not.toContain('4111')
      expect(stored).toContain('[input blocked]')
      await manager.close()

      const restoredManager = newManager(fixture, { sessionId })
      const restored = newAgent(new ScriptedModel({ turns: [] }), restoredManager)
      await restored.initialize()
      expect(restored.messages.map((message) => message.toJSON().content)).toEqual([
        [{ text: '[input blocked]' }],
        [{ text: 'I cannot help with that.' }],
      ])
      await restoredManager.close()
    })
  }

  it('redacts without waiting for the write', async () => {
    const sessionId = uniqueSessionId('redaction-in-flight')
    const manager = newManager(fixture, { sessionId, asyncMode: true, prefetch: false })
    const model = new ScriptedModel({ turns: [{ text: 'I cannot help with that.', redactInput: '[input blocked]' }] })
    const agent = newAgent(model, manager)
    await agent.initialize()
    fixture.emulator.clearRequestLog()
    fixture.emulator.setLatency({ default: { fixedMs: 300, jitterMs: 0 } })

    await agent.invoke(SECRET)
    const invocationEndedAt = Date.now()
    await manager.flush()
    fixture.emulator.setLatency({})

    const firstWrite = fixture.emulator
      .requestLog()
      .find((entry) => entry.operation === 'CreateEvent' && entry.sessionId === sessionId)
    expect(firstWrite).toBeDefined()
    expect(invocationEndedAt).toBeLessThan(firstWrite!.respondedAt)
    const stored = JSON.stringify(await listAllEvents(fixture, sessionId))
    expect(stored).not.toContain('4111')
    expect(stored).toContain('[input blocked]')
    await manager.close()
  })
})
