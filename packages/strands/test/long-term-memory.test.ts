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
    // The prompt's own model call receives the block once, and the call after the tool result receives none.
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

  it('retrieval overlaps the message write', async () => {
    const sessionId = uniqueSessionId('ltm-overlap')
    const manager = newManager(fixture, {
      sessionId,
      actorId: 'user-ltm',
      prefetch: false,
      retrievalConfig: { '/users/{actorId}/facts/': { topK: 5, relevanceScore: 0 } },
    })
    const model = new ScriptedModel({ turns: [{ text: 'Green tea.' }] })
    const agent = newAgent(model, manager)
    await agent.initialize()
    fixture.emulator.clearRequestLog()
    fixture.emulator.setLatency({ default: { fixedMs: 200, jitterMs: 0 } })

    await agent.invoke('Which tea do I like?')
    fixture.emulator.setLatency({})

    const log = fixture.emulator.requestLog()
    const retrieval = log.find((entry) => entry.operation === 'RetrieveMemoryRecords')
    const userWrite = log.find((entry) => entry.operation === 'CreateEvent' && entry.sessionId === sessionId)
    expect(retrieval).toBeDefined()
    expect(userWrite).toBeDefined()
    // Inline mode: the retrieval request arrived before the user message's write got its response, and the
    // model started only after the retrieval response.
    expect(retrieval!.receivedAt).toBeLessThan(userWrite!.respondedAt)
    expect(model.calls[0]!.startedAt).toBeGreaterThanOrEqual(retrieval!.respondedAt)
    expect(JSON.stringify(model.calls[0]?.messages)).toContain(FACT)
    await manager.close()
  })

  it('model starts at the retrieval deadline', async () => {
    const sessionId = uniqueSessionId('ltm-deadline')
    const manager = newManager(fixture, {
      sessionId,
      actorId: 'user-ltm',
      asyncMode: true,
      prefetch: false,
      retrievalTimeoutMs: 50,
      retrievalConfig: { '/users/{actorId}/facts/': { topK: 5, relevanceScore: 0 } },
    })
    let retrievalAnsweredAtModelStart: boolean | undefined
    const model = new ScriptedModel({
      turns: () => {
        const log = fixture.emulator.requestLog()
        retrievalAnsweredAtModelStart = log.some((entry) => entry.operation === 'RetrieveMemoryRecords')
        return { text: 'No time to remember.' }
      },
    })
    const agent = newAgent(model, manager)
    await agent.initialize()
    fixture.emulator.clearRequestLog()
    fixture.emulator.setLatency({ perOperation: { RetrieveMemoryRecords: { fixedMs: 1000 } } })

    const result = await agent.invoke('Which tea do I like?')
    await manager.close()
    fixture.emulator.setLatency({})

    expect(result.toString()).toBe('No time to remember.')
    // The emulator logs a request when it sends the response, so an empty log means the model did not wait.
    expect(retrievalAnsweredAtModelStart).toBe(false)
    expect(JSON.stringify(model.calls[0]?.messages)).not.toContain(FACT)
  })
})
