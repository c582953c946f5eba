import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestDemo, type TestDemo } from '../test-support/demo-harness'
import { TestClient } from '../test-support/ws-client'

describe('demo server long-term memory', () => {
  let demo: TestDemo

  beforeAll(async () => {
    demo = await startTestDemo()
  })

  afterAll(async () => {
    await demo.stop()
  })

  it('uses preferences from an earlier session of the same actor', async () => {
    const first = await TestClient.connect(demo.url)
    const { token } = await first.next('session')
    await first.turn('I like green tea.')
    await first.close()
    for (let attempt = 0; attempt < 500 && demo.server.conversationCount() > 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    await demo.memory.emulator?.waitForExtraction()

    const second = await TestClient.connect(demo.url, { token, new: '1' })
    const session = await second.next('session')
    const reply = await second.turn('What do I like?')
    await second.close()

    expect(session.resumed).toBe(false)
    expect(session.history).toEqual([])
    expect(reply.text).toBe('You told me you like green tea.')
    expect(demo.memory.emulator?.requestCounts().RetrieveMemoryRecords).toBeGreaterThan(0)
  })
})
