import {
  AfterInvocationEvent,
  Agent,
  BeforeToolCallEvent,
  type LocalAgent,
  type MessageData,
} from '@strands-agents/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { captureAgentState } from '../src/internal/agent-state'
import { ScriptedModel, type ScriptedResponder } from '../src/testing/index'
import {
  listAllEvents,
  type MemoryFixture,
  newAgent,
  newManager,
  startMemoryFixture,
  uniqueSessionId,
  weatherTool,
} from './support/memory-fixture'

const PNG_BYTES = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 255, 0, 128])

/** Calls the weather tool for prompts about the weather, answers from tool results, and echoes the rest. */
const weatherResponder: ScriptedResponder = (messages) => {
  const last = messages.at(-1)
  const toolResult = last?.content.find((block) => 'toolResult' in block)
  if (toolResult !== undefined && 'toolResult' in toolResult) {
    const first = toolResult.toolResult.content[0]
    return { text: `Forecast: ${first !== undefined && 'text' in first ? first.text : 'unknown'}.` }
  }
  const prompt = last?.content.flatMap((block) => ('text' in block ? [block.text] : [])).join(' ') ?? ''
  if (prompt.includes('weather'))
    return { text: 'Checking.', toolUses: [{ name: 'get_weather', input: { city: 'Paris' } }] }
  return { text: `You said: ${prompt}` }
}

function withoutMetadata(messages: readonly { toJSON(): MessageData }[]): MessageData[] {
  return messages.map((message) => {
    const { metadata: _metadata, ...rest } = message.toJSON()
    return rest
  })
}

describe('restore', () => {
  let fixture: MemoryFixture

  beforeAll(async () => {
    fixture = await startMemoryFixture()
  })

  afterAll(async () => {
    await fixture.close()
  })

  it('restores tool calls and images exactly', async () => {
    const sessionId = uniqueSessionId('restore')
    const firstManager = newManager(fixture, { sessionId })
    const first = newAgent(new ScriptedModel({ turns: weatherResponder }), firstManager, { tools: [weatherTool] })

    await first.invoke('What is the weather in Paris?')
    await first.invoke([
      { text: 'What is in this picture?' },
      { image: { format: 'png', source: { bytes: PNG_BYTES } } },
    ])
    await firstManager.close()

    const secondManager = newManager(fixture, { sessionId })
    const secondModel = new ScriptedModel({ turns: weatherResponder })
    const second = newAgent(secondModel, secondManager, { tools: [weatherTool] })
    await second.initialize()

    expect(second.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
    ])
    expect(second.messages.map((message) => message.trackingId)).toEqual(
      first.messages.map((message) => message.trackingId),
    )
    expect(withoutMetadata(second.messages)).toEqual(withoutMetadata(first.messages))
    const image = second.messages[4]?.content[1] as unknown as { source: { bytes: Uint8Array } }
    expect(image.source.bytes).toBeInstanceOf(Uint8Array)
    expect(Array.from(image.source.bytes)).toEqual(Array.from(PNG_BYTES))

    await second.invoke('Thanks')

    expect(secondModel.calls[0]?.messages).toHaveLength(7)
    await secondManager.close()
  })

  it('restores a 4 MB image', async () => {
    const sessionId = uniqueSessionId('large-image')
    const bytes = new Uint8Array(4_000_000).map((_, index) => index % 251)
    const firstManager = newManager(fixture, { sessionId, asyncMode: true })
    const first = newAgent(new ScriptedModel({ turns: [{ text: 'A large picture.' }] }), firstManager)

    await first.invoke([{ text: 'Describe this.' }, { image: { format: 'png', source: { bytes } } }])
    await firstManager.close()

    const secondManager = newManager(fixture, { sessionId })
    const second = newAgent(new ScriptedModel({ turns: [] }), secondManager)
    await second.initialize()

    const image = second.messages[0]?.content[1] as unknown as { source: { bytes: Uint8Array } }
    expect(image.source.bytes).toHaveLength(bytes.length)
    expect(Buffer.from(image.source.bytes).equals(Buffer.from(bytes))).toBe(true)
    await secondManager.close()
  })

  it('restores app and model state', async () => {
    const sessionId = uniqueSessionId('state')
    const firstManager = newManager(fixture, { sessionId })
    const first = newAgent(new ScriptedModel({ turns: [{ text: 'one' }, { text: 'two' }] }), firstManager)

    await first.invoke('hello')
    first.appState.set('plan', 'pro')
    first.modelState.set('cursor', 'c-7')
    await first.invoke('again')
    await firstManager.close()

    const secondManager = newManager(fixture, { sessionId })
    const second = newAgent(new ScriptedModel({ turns: [] }), secondManager)
    await second.initialize()

    expect(second.appState.getAll()).toEqual({ plan: 'pro' })
    expect(second.modelState.getAll()).toEqual({ cursor: 'c-7' })
    await secondManager.close()
  })

  it('restores interrupt state and resumes', async () => {
    const sessionId = uniqueSessionId('interrupt')
    const approvals: unknown[] = []
    const requireApproval = (event: BeforeToolCallEvent): void => {
      approvals.push(event.interrupt({ name: 'approve_tool', reason: 'The weather tool needs approval.' }))
    }

    const firstManager = newManager(fixture, { sessionId })
    const first = newAgent(new ScriptedModel({ turns: weatherResponder }), firstManager, { tools: [weatherTool] })
    first.addHook(BeforeToolCallEvent, requireApproval)
    const interrupted = await first.invoke('What is the weather in Paris?')
    await firstManager.close()

    expect(interrupted.stopReason).toBe('interrupt')
    const interruptId = interrupted.interrupts?.[0]?.id
    expect(interruptId).toBeDefined()

    const secondManager = newManager(fixture, { sessionId })
    const second = newAgent(new ScriptedModel({ turns: weatherResponder }), secondManager, { tools: [weatherTool] })
    second.addHook(BeforeToolCallEvent, requireApproval)
    await second.initialize()

    expect(captureAgentState(second).interruptState).toEqual(captureAgentState(first).interruptState)

    const resumed = await second.invoke([{ interruptResponse: { interruptId: interruptId!, response: 'approved' } }])

    expect(resumed.stopReason).toBe('endTurn')
    expect(resumed.toString()).toBe('Forecast: Sunny in Paris.')
    expect(approvals).toEqual(['approved'])
    await secondManager.close()
  })

  it('saves state after other end-of-invocation hooks', async () => {
    const sessionId = uniqueSessionId('hook-order')
    // Plugins register before the session manager; at equal order, Strands runs After* hooks in reverse
    // registration order, so this hook would run after a default-order save.
    const stamper = {
      name: 'test:stamper',
      initAgent(agent: LocalAgent) {
        agent.addHook(AfterInvocationEvent, (event) => event.agent.appState.set('stamped', true))
      },
    }
    const manager = newManager(fixture, { sessionId })
    const agent = new Agent({
      model: new ScriptedModel({ turns: [{ text: 'ok' }] }),
      printer: false,
      sessionManager: manager,
      plugins: [stamper],
    })

    await agent.invoke('hello')
    await manager.close()

    const restoredManager = newManager(fixture, { sessionId })
    const restored = newAgent(new ScriptedModel({ turns: [] }), restoredManager)
    await restored.initialize()
    expect(restored.appState.getAll()).toEqual({ stamped: true })
    await restoredManager.close()
  })

  it('saves state only when it changed', async () => {
    const sessionId = uniqueSessionId('state-changes')
    const manager = newManager(fixture, { sessionId })
    const agent = newAgent(new ScriptedModel({ turns: [{ text: 'a' }, { text: 'b' }, { text: 'c' }] }), manager)

    await agent.invoke('one')
    const afterFirst = (await listAllEvents(fixture, sessionId)).length
    await agent.invoke('two')
    const afterSecond = (await listAllEvents(fixture, sessionId)).length
    agent.appState.set('counter', 1)
    await agent.invoke('three')
    const afterThird = (await listAllEvents(fixture, sessionId)).length
    await manager.close()

    // Each unchanged turn adds only the user and assistant messages; the changed turn adds a state event too.
    const secondTurnEvents = afterSecond - afterFirst
    const thirdTurnEvents = afterThird - afterSecond
    expect(thirdTurnEvents).toBe(secondTurnEvents + 1)
  })

  it('shows a second process every write in order', async () => {
    const sessionId = uniqueSessionId('two-processes')
    const firstManager = newManager(fixture, { sessionId, asyncMode: true })
    const first = newAgent(new ScriptedModel({ turns: [{ text: 'first reply' }] }), firstManager)
    await first.invoke('first prompt')
    await firstManager.close()

    const secondManager = newManager(fixture, { sessionId, asyncMode: true })
    const second = newAgent(new ScriptedModel({ turns: [{ text: 'second reply' }] }), secondManager)
    await second.invoke('second prompt')
    await secondManager.close()

    const thirdManager = newManager(fixture, { sessionId })
    const third = newAgent(new ScriptedModel({ turns: [] }), thirdManager)
    await third.initialize()

    const texts = third.messages.map((message) =>
      message
        .toJSON()
        .content.map((block) => ('text' in block ? block.text : ''))
        .join(''),
    )
    expect(texts).toEqual(['first prompt', 'first reply', 'second prompt', 'second reply'])
    await thirdManager.close()
  })

  it('persists messages the agent was built with', async () => {
    const sessionId = uniqueSessionId('seeded')
    const manager = newManager(fixture, { sessionId })
    const model = new ScriptedModel({ turns: [{ text: 'noted' }] })
    const agent = new Agent({
      model,
      printer: false,
      sessionManager: manager,
      messages: [
        { role: 'user', content: [{ text: 'My name is Ada.' }] },
        { role: 'assistant', content: [{ text: 'Hello Ada.' }] },
      ],
    })
    await agent.invoke('Remember that.')
    await manager.close()

    const restoredManager = newManager(fixture, { sessionId })
    const restored = newAgent(new ScriptedModel({ turns: [] }), restoredManager)
    await restored.initialize()

    expect(restored.messages).toHaveLength(4)
    expect(restored.messages[0]?.toJSON().content).toEqual([{ text: 'My name is Ada.' }])
    await restoredManager.close()
  })
})
