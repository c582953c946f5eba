import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ScriptedModel } from '../src/testing/index'
import {
  listAllEvents,
  type MemoryFixture,
  newAgent,
  newManager,
  seedRecords,
  startMemoryFixture,
  uniqueSessionId,
  weatherTool,
} from './support/memory-fixture'

const FACT = 'The user prefers green tea over coffee.'

function countOccurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1
}

describe('long-term memory', () => {
  let fixture: MemoryFixture

  beforeAll(async () => {
    fixture = await startMemoryFixture()
    await seedRecords(fixture, '/users/user-ltm/facts/', [FACT])
  })

  afterAll(async () => {
    await fixture.close()
  })

  it('injects records once and never persists them', async () => {
    const sessionId = uniqueSessionId('ltm')
    const manager = newManager(fixture, {
      sessionId,
      actorId: 'user-ltm',
      asyncMode: true,
      retrievalConfig: { '/users/{actorId}/facts/': { topK: 5, relevanceScore: 0 } },
    })
    const model = new ScriptedModel({
      turns: (messages) =>
        messages.at(-1)?.content.some((block) => 'toolResult' in block)
          ? { text: 'Green tea, and it is sunny.' }
          : { text: 'Let me check.', toolUses: [{ name: 'get_weather', input: { city: 'Paris' } }] },
    })
    const agent = newAgent(model, manager, { tools: [weatherTool] })

    await agent.invoke('What tea should I drink today?')
    await agent.invoke('And tomorrow, which tea?')
    await manager.flush()

    expect(model.calls).toHaveLength(4)
    const seen = model.calls.map((call) => JSON.stringify(call.messages))
    // The prompt's own call sees the block once; the call after the tool result sees none.
    expect(countOccurrences(seen[0]!, FACT)).toBe(1)
    expect(countOccurrences(seen[1]!, FACT)).toBe(0)
    expect(countOccurrences(seen[2]!, FACT)).toBe(1)
    expect(countOccurrences(seen[3]!, FACT)).toBe(0)
    const prompt = model.calls[0]!.messages.at(-1)!
    expect(prompt.content[0]).toEqual({ text: expect.stringContaining('<user_context>') })
    expect(prompt.content.at(-1)).toEqual({ text: 'What tea should I drink today?' })

    expect(JSON.stringify(agent.messages.map((message) => message.toJSON()))).not.toContain(FACT)
    const stored = JSON.stringify(await listAllEvents(fixture, sessionId, 'user-ltm'))
    expect(stored).toContain('What tea should I drink today?')
    expect(stored).not.toContain(FACT)
    await manager.close()
  })

  it('goes on without context when retrieval fails', async () => {
    const sessionId = uniqueSessionId('ltm-failure')
    const errors: string[] = []
    const manager = newManager(fixture, {
      sessionId,
      actorId: 'user-ltm',
      retrievalConfig: { '/users/{actorId}/facts/': { topK: 5 } },
      onError: (error) => errors.push(error.code),
    })
    const model = new ScriptedModel({ turns: [{ text: 'No context, still fine.' }] })
    const agent = newAgent(model, manager)
    await agent.initialize()
    fixture.emulator.setFaults({ serviceErrorRate: 1, operations: ['RetrieveMemoryRecords'] })

    const result = await agent.invoke('What tea should I drink?')
    fixture.emulator.setFaults({})

    expect(result.toString()).toBe('No context, still fine.')
    expect(JSON.stringify(model.calls[0]?.messages)).not.toContain('<user_context>')
    await manager.close()
  })
})
