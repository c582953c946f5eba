import { AgentCoreSessionError } from '@agentcore-session/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AgentCoreMemorySessionManager, AgentCoreStrandsError } from '../src/index'
import { ScriptedModel } from '../src/testing/index'
import {
  MEMORY_ID,
  type MemoryFixture,
  newAgent,
  newManager,
  startMemoryFixture,
  uniqueSessionId,
} from './support/memory-fixture'

function constructionError(build: () => unknown): unknown {
  try {
    build()
  } catch (error) {
    return error
  }
  return undefined
}

describe('manager options', () => {
  let fixture: MemoryFixture

  beforeAll(async () => {
    fixture = await startMemoryFixture()
  })

  afterAll(async () => {
    await fixture.close()
  })

  const invalidCases: { option: string; overrides: Record<string, unknown> }[] = [
    { option: 'memoryId', overrides: { memoryId: 'not a memory id' } },
    { option: 'sessionId', overrides: { sessionId: 'has spaces' } },
    { option: 'batchSize', overrides: { batchSize: 0 } },
    { option: 'prefetch', overrides: { prefetch: 'no' } },
    { option: 'flushOnInvocationEnd', overrides: { flushOnInvocationEnd: 1 } },
  ]

  for (const { option, overrides } of invalidCases) {
    it(`rejects an invalid ${option}`, () => {
      const error = constructionError(
        () =>
          new AgentCoreMemorySessionManager({
            memoryId: MEMORY_ID,
            actorId: 'user-1',
            sessionId: 'valid-session',
            client: fixture.client,
            ...overrides,
          }),
      )

      expect(AgentCoreSessionError.isInstance(error)).toBe(true)
      expect((error as AgentCoreSessionError).code).toBe('INVALID_OPTION')
      expect((error as AgentCoreSessionError & { option: string }).option).toBe(option)
    })
  }

  it('names the string value of a flag', () => {
    const error = constructionError(() => newManager(fixture, { sessionId: 'valid-session', prefetch: 'no' as never }))

    expect((error as Error).message).toBe("Invalid prefetch 'no': expected true or false.")
  })

  it('names the type of a non-string flag', () => {
    const error = constructionError(() =>
      newManager(fixture, { sessionId: 'valid-session', flushOnInvocationEnd: 1 as never }),
    )

    expect((error as Error).message).toBe('Invalid flushOnInvocationEnd 1 (number): expected true or false.')
  })

  it('prefetch returns one shared restore', async () => {
    const sessionId = uniqueSessionId('prefetch')
    fixture.emulator.clearRequestLog()
    const manager = newManager(fixture, { sessionId, prefetch: false })

    const first = manager.prefetch()
    const second = manager.prefetch()
    const agent = newAgent(new ScriptedModel({ turns: [] }), manager)
    await agent.initialize()

    expect(first).toBe(second)
    expect((await first).messages).toEqual([])
    const listCalls = fixture.emulator.requestLog().filter((entry) => entry.sessionId === sessionId)
    expect(listCalls.map((entry) => entry.operation)).toEqual(['ListEvents'])
    await manager.close()
  })

  it('exposes the session identity', () => {
    const manager = newManager(fixture, { sessionId: 'Identity-Session', actorId: 'actor-9', agentId: 'helper' })

    expect(manager.memoryId).toBe(MEMORY_ID)
    expect(manager.actorId).toBe('actor-9')
    expect(manager.sessionId).toBe('Identity-Session')
    expect(manager.agentId).toBe('helper')
  })

  it('uses the agent id by default', async () => {
    const manager = newManager(fixture, { sessionId: uniqueSessionId('agent-id'), prefetch: false })
    const agent = newAgent(new ScriptedModel({ turns: [] }), manager, { id: 'researcher' })

    await agent.initialize()

    expect(manager.agentId).toBe('researcher')
    await manager.close()
  })

  for (const asyncMode of [false, true]) {
    it(`explains a write after close (asyncMode ${asyncMode})`, async () => {
      const manager = newManager(fixture, { sessionId: uniqueSessionId('closed'), asyncMode })
      const agent = newAgent(new ScriptedModel({ turns: [{ text: 'first' }, { text: 'second' }] }), manager)
      await agent.invoke('Hi')
      await manager.close()

      const failure = await agent.invoke('Again').then(
        () => undefined,
        (error: unknown) => error,
      )

      expect(AgentCoreStrandsError.isInstance(failure)).toBe(true)
      expect((failure as AgentCoreStrandsError).code).toBe('SESSION_CLOSED')
      expect((failure as Error).message).toContain('Build a new AgentCoreMemorySessionManager')
      expect((failure as Error).message).not.toContain('MemorySession.')
      const cause = (failure as Error).cause
      expect(AgentCoreSessionError.isInstance(cause)).toBe(true)
      expect((cause as AgentCoreSessionError).code).toBe('SESSION_CLOSED')
    })
  }

  it('rejects snapshot operations', async () => {
    const manager = newManager(fixture, { sessionId: uniqueSessionId('snapshots'), prefetch: false })

    const failure = await manager.deleteSession().then(
      () => undefined,
      (error: unknown) => error,
    )

    expect(AgentCoreStrandsError.isInstance(failure)).toBe(true)
    expect((failure as AgentCoreStrandsError).code).toBe('UNSUPPORTED_OPERATION')
    expect(() => manager.initMultiAgent()).toThrow('initMultiAgent')
  })
})
