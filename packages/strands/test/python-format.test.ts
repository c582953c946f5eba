import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ScriptedModel } from '../src/testing/index'
import {
  listAllEvents,
  type MemoryFixture,
  newAgent,
  newManager,
  startMemoryFixture,
  uniqueSessionId,
  weatherTool,
} from './support/memory-fixture'

describe('python storage format', () => {
  let fixture: MemoryFixture

  beforeAll(async () => {
    fixture = await startMemoryFixture()
  })

  afterAll(async () => {
    await fixture.close()
  })

  it('writes a session that reads back', async () => {
    const sessionId = uniqueSessionId('python')
    const manager = newManager(fixture, { sessionId, storageFormat: 'python', asyncMode: true })
    const model = new ScriptedModel({
      turns: (messages) =>
        messages.at(-1)?.content.some((block) => 'toolResult' in block)
          ? { text: 'It is sunny.' }
          : { toolUses: [{ name: 'get_weather', input: { city: 'Oslo' } }] },
    })
    const agent = newAgent(model, manager, { tools: [weatherTool] })
    agent.appState.set('units', 'metric')

    await agent.invoke('Weather in Oslo?')
    await manager.close()

    const events = await listAllEvents(fixture, sessionId)
    const envelopes = events.flatMap((event) =>
      (event.payload ?? []).flatMap((item) =>
        item.conversational?.content?.text ? [item.conversational.content.text] : [],
      ),
    )
    expect(envelopes.length).toBeGreaterThan(0)
    for (const text of envelopes) {
      const parsed = JSON.parse(text) as { message?: { role?: string } }
      expect(['user', 'assistant']).toContain(parsed.message?.role)
    }

    for (const storageFormat of ['python', 'native'] as const) {
      const readerManager = newManager(fixture, { sessionId, storageFormat })
      const reader = newAgent(new ScriptedModel({ turns: [] }), readerManager, { tools: [weatherTool] })
      await reader.initialize()

      expect(reader.messages.map((message) => message.toJSON().content)).toEqual(
        agent.messages.map((message) => message.toJSON().content),
      )
      expect(reader.appState.getAll()).toEqual({ units: 'metric' })
      await readerManager.close()
    }
  })
})
