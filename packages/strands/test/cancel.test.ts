import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ScriptedModel } from '../src/testing/index'
import { type MemoryFixture, newAgent, newManager, startMemoryFixture, uniqueSessionId } from './support/memory-fixture'

describe('cancel', () => {
  let fixture: MemoryFixture

  beforeAll(async () => {
    fixture = await startMemoryFixture()
  })

  afterAll(async () => {
    await fixture.close()
  })

  it('persists the cancel message mid-stream', async () => {
    const sessionId = uniqueSessionId('cancel')
    const manager = newManager(fixture, { sessionId, asyncMode: true })
    const model = new ScriptedModel({
      tokenDelayMs: 30,
      turns: [{ text: 'one two three four five six seven eight nine ten' }, { text: 'fresh answer' }],
    })
    const agent = newAgent(model, manager)
    let deltas = 0
    let stopReason = ''

    for await (const event of agent.stream('Tell me a long story')) {
      if (event.type === 'modelStreamUpdateEvent' && event.event.type === 'modelContentBlockDeltaEvent') {
        deltas += 1
        if (deltas === 2) agent.cancel()
      }
      if (event.type === 'agentResultEvent') stopReason = event.result.stopReason
    }
    await manager.flush()

    expect(stopReason).toBe('cancelled')
    expect(deltas).toBeLessThan(10)

    const next = await agent.invoke('Something short')
    expect(next.toString()).toBe('fresh answer')
    await manager.close()

    const restoredManager = newManager(fixture, { sessionId })
    const restored = newAgent(new ScriptedModel({ turns: [] }), restoredManager)
    await restored.initialize()
    expect(restored.messages.map((message) => message.toJSON().content)).toEqual([
      [{ text: 'Tell me a long story' }],
      [{ text: 'Cancelled by user' }],
      [{ text: 'Something short' }],
      [{ text: 'fresh answer' }],
    ])
    await restoredManager.close()
  })
})
