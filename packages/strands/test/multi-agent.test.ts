import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AgentCoreStrandsError } from '../src/index'
import { ScriptedModel } from '../src/testing/index'
import { type MemoryFixture, newAgent, newManager, startMemoryFixture, uniqueSessionId } from './support/memory-fixture'

function textsOf(agent: { messages: { toJSON(): { content: unknown[] } }[] }): string[] {
  return agent.messages.map((message) =>
    message
      .toJSON()
      .content.map((block) =>
        typeof block === 'object' && block !== null && 'text' in block ? String(block.text) : '',
      )
      .join(''),
  )
}

describe('agents sharing a session', () => {
  let fixture: MemoryFixture

  beforeAll(async () => {
    fixture = await startMemoryFixture()
  })

  afterAll(async () => {
    await fixture.close()
  })

  it('keeps separate histories and state', async () => {
    const sessionId = uniqueSessionId('two-agents')
    const plannerManager = newManager(fixture, { sessionId, asyncMode: true })
    const writerManager = newManager(fixture, { sessionId, asyncMode: true })
    const planner = newAgent(
      new ScriptedModel({ turns: [{ text: 'plan ready' }, { text: 'plan ready' }] }),
      plannerManager,
      { id: 'planner' },
    )
    const writer = newAgent(
      new ScriptedModel({ turns: [{ text: 'draft ready' }, { text: 'draft ready' }] }),
      writerManager,
      { id: 'writer' },
    )

    await planner.invoke('make a plan')
    planner.appState.set('role', 'planner')
    await writer.invoke('write a draft')
    writer.appState.set('role', 'writer')
    await planner.invoke('make a plan')
    await writer.invoke('write a draft')
    await Promise.all([plannerManager.close(), writerManager.close()])

    expect(plannerManager.agentId).toBe('planner')
    expect(writerManager.agentId).toBe('writer')

    const restoredPlanner = newAgent(new ScriptedModel({ turns: [] }), newManager(fixture, { sessionId }), {
      id: 'planner',
    })
    const restoredWriter = newAgent(new ScriptedModel({ turns: [] }), newManager(fixture, { sessionId }), {
      id: 'writer',
    })
    await restoredPlanner.initialize()
    await restoredWriter.initialize()

    expect(textsOf(restoredPlanner)).toEqual(['make a plan', 'plan ready', 'make a plan', 'plan ready'])
    expect(textsOf(restoredWriter)).toEqual(['write a draft', 'draft ready', 'write a draft', 'draft ready'])
    expect(restoredPlanner.appState.getAll()).toEqual({ role: 'planner' })
    expect(restoredWriter.appState.getAll()).toEqual({ role: 'writer' })
  })

  it('rejects a second agent on one manager', async () => {
    const manager = newManager(fixture, { sessionId: uniqueSessionId('shared-manager') })
    const first = newAgent(new ScriptedModel({ turns: [] }), manager, { id: 'first' })
    const second = newAgent(new ScriptedModel({ turns: [] }), manager, { id: 'second' })
    await first.initialize()

    const failure = await second.initialize().then(
      () => undefined,
      (error: unknown) => error,
    )

    expect(AgentCoreStrandsError.isInstance(failure)).toBe(true)
    expect((failure as AgentCoreStrandsError).code).toBe('AGENT_ALREADY_ATTACHED')
    await manager.close()
  })

  it('explains a second agent with the same id', async () => {
    const manager = newManager(fixture, { sessionId: uniqueSessionId('same-id') })
    const first = newAgent(new ScriptedModel({ turns: [] }), manager)
    const second = newAgent(new ScriptedModel({ turns: [] }), manager)
    await first.initialize()

    const failure = await second.initialize().then(
      () => undefined,
      (error: unknown) => error,
    )

    expect((failure as AgentCoreStrandsError).code).toBe('AGENT_ALREADY_ATTACHED')
    expect((failure as Error).message).toContain("is already attached to an agent (id 'agent')")
    expect((failure as Error).message).toContain('Give each agent its own manager')
    expect((failure as Error).message).not.toContain('cannot serve')
    await manager.close()
  })

  it('returns the AgentCore session id', async () => {
    const sessionId = `Session_With-UpperCase-${Date.now()}`
    const manager = newManager(fixture, { sessionId })
    const model = new ScriptedModel({ turns: [{ text: 'ok' }] })
    const agent = newAgent(model, manager)

    await agent.invoke('Hi')

    expect(agent.sessionId).toBe(sessionId)
    expect(model.calls[0]?.sessionId).toBe(sessionId)
    await manager.close()
  })
})
