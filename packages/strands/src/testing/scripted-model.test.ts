import { Agent, BeforeModelCallEvent, type MessageData, tool } from '@strands-agents/sdk'
import { describe, expect, it } from 'vitest'
import { ScriptedModel } from './scripted-model'
import { splitIntoTokens } from './scripted-turn'

const weatherTool = tool({
  name: 'get_weather',
  description: 'Returns the weather for a city.',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  callback: (input) => `Sunny in ${(input as { city: string }).city}`,
})

async function collectTextDeltas(agent: Agent, prompt: string): Promise<{ deltas: string[]; stopReason: string }> {
  const deltas: string[] = []
  let stopReason = ''
  for await (const event of agent.stream(prompt)) {
    if (event.type === 'modelStreamUpdateEvent' && event.event.type === 'modelContentBlockDeltaEvent') {
      const delta = event.event.delta
      if (delta.type === 'textDelta') deltas.push(delta.text)
    }
    if (event.type === 'agentResultEvent') stopReason = event.result.stopReason
  }
  return { deltas, stopReason }
}

function lastText(messages: readonly MessageData[]): string | undefined {
  const last = messages.at(-1)
  const block = last?.content.find((candidate) => 'text' in candidate)
  return block !== undefined && 'text' in block ? block.text : undefined
}

describe('splitIntoTokens', () => {
  it('keeps every character', () => {
    const text = '  Hello there,\nworld!  '
    expect(splitIntoTokens(text).join('')).toBe(text)
  })

  it('splits on words', () => {
    expect(splitIntoTokens('one two three')).toEqual(['one ', 'two ', 'three'])
  })

  it('returns nothing for empty text', () => {
    expect(splitIntoTokens('')).toEqual([])
  })
})

describe('ScriptedModel', () => {
  it('streams text tokens through an agent', async () => {
    const model = new ScriptedModel({ turns: [{ text: 'Hello from the script.' }] })
    const agent = new Agent({ model, printer: false })

    const { deltas, stopReason } = await collectTextDeltas(agent, 'Hi')

    expect(deltas).toEqual(['Hello ', 'from ', 'the ', 'script.'])
    expect(stopReason).toBe('endTurn')
    expect(agent.messages.map((message) => message.role)).toEqual(['user', 'assistant'])
    expect(agent.messages[1]?.toJSON().content).toEqual([{ text: 'Hello from the script.' }])
  })

  it('streams an array of tokens as given', async () => {
    const model = new ScriptedModel({ turns: [{ text: ['Hel', 'lo'] }] })
    const agent = new Agent({ model, printer: false })

    const { deltas } = await collectTextDeltas(agent, 'Hi')

    expect(deltas).toEqual(['Hel', 'lo'])
  })

  it('records each call with the messages it received', async () => {
    let tick = 100
    const model = new ScriptedModel({ turns: [{ text: 'One.' }, { text: 'Two.' }], clock: () => tick++ })
    const agent = new Agent({ model, printer: false, systemPrompt: 'Be brief.' })

    await agent.invoke('first')
    await agent.invoke('second')

    expect(model.calls).toHaveLength(2)
    const [first, second] = model.calls
    expect(first?.index).toBe(0)
    expect(first?.messages.map((message) => message.role)).toEqual(['user'])
    expect(second?.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user'])
    expect(lastText(second?.messages ?? [])).toBe('second')
    expect(first?.systemPrompt).toBeDefined()
    expect(first?.outcome).toBe('completed')
    expect(first!.startedAt).toBeLessThan(first!.firstTokenAt!)
    expect(first!.firstTokenAt!).toBeLessThan(first!.endedAt!)
    expect(first!.endedAt!).toBeLessThan(second!.startedAt)
  })

  it('calls a tool and answers from its result', async () => {
    const model = new ScriptedModel({
      turns: (messages) => {
        const last = messages.at(-1)
        const result = last?.content.find((block) => 'toolResult' in block)
        if (result !== undefined && 'toolResult' in result) {
          const content = result.toolResult.content[0]
          return { text: `The tool said: ${content !== undefined && 'text' in content ? content.text : '?'}` }
        }
        return { text: 'Let me check.', toolUses: [{ name: 'get_weather', input: { city: 'Paris' } }] }
      },
    })
    const agent = new Agent({ model, printer: false, tools: [weatherTool] })

    const result = await agent.invoke('Weather in Paris?')

    expect(result.stopReason).toBe('endTurn')
    expect(result.toString()).toBe('The tool said: Sunny in Paris')
    expect(model.calls).toHaveLength(2)
    expect(model.calls[0]?.toolNames).toEqual(['get_weather'])
    const roles = agent.messages.map((message) => message.role)
    expect(roles).toEqual(['user', 'assistant', 'user', 'assistant'])
    const toolUse = agent.messages[1]?.toJSON().content.find((block) => 'toolUse' in block)
    expect(toolUse).toEqual({ toolUse: { name: 'get_weather', toolUseId: 'tooluse_0_0', input: { city: 'Paris' } } })
  })

  it('waits the time to first token before streaming', async () => {
    const order: string[] = []
    const model = new ScriptedModel({ turns: [{ text: 'late answer' }], timeToFirstTokenMs: 150 })
    const agent = new Agent({ model, printer: false })
    agent.addHook(BeforeModelCallEvent, () => {
      setTimeout(() => order.push('short timer'), 5)
    })

    for await (const event of agent.stream('Hi')) {
      if (event.type === 'modelStreamUpdateEvent' && event.event.type === 'modelContentBlockDeltaEvent') {
        order.push('token')
      }
    }

    expect(order[0]).toBe('short timer')
    expect(order.filter((entry) => entry === 'token')).toHaveLength(2)
  })

  it('stops streaming when the agent is cancelled', async () => {
    const model = new ScriptedModel({ turns: [{ text: 'a b c d e f g h i j' }], tokenDelayMs: 50 })
    const agent = new Agent({ model, printer: false })
    const deltas: string[] = []
    let stopReason = ''

    for await (const event of agent.stream('Hi')) {
      if (event.type === 'modelStreamUpdateEvent' && event.event.type === 'modelContentBlockDeltaEvent') {
        deltas.push('x')
        if (deltas.length === 2) agent.cancel()
      }
      if (event.type === 'agentResultEvent') stopReason = event.result.stopReason
    }

    expect(stopReason).toBe('cancelled')
    expect(deltas.length).toBeLessThan(10)
    expect(['cancelled', 'closed']).toContain(model.calls[0]?.outcome)
    expect(agent.messages.at(-1)?.toJSON().content).toEqual([{ text: 'Cancelled by user' }])
  })

  it('emits usage metadata', async () => {
    const model = new ScriptedModel({ turns: [{ text: 'Hello there.', usage: { inputTokens: 42 } }] })
    const agent = new Agent({ model, printer: false })

    const result = await agent.invoke('Hi')

    const usage = result.lastMessage.metadata?.usage
    expect(usage?.inputTokens).toBe(42)
    expect(usage?.outputTokens).toBe(3)
    expect(usage?.totalTokens).toBe(45)
  })

  it('redacts the user input on request', async () => {
    const model = new ScriptedModel({ turns: [{ text: 'I cannot help with that.', redactInput: '[blocked]' }] })
    const agent = new Agent({ model, printer: false })

    await agent.invoke('something forbidden')

    expect(agent.messages[0]?.toJSON().content).toEqual([{ text: '[blocked]' }])
  })

  it('throws a scripted error', async () => {
    const model = new ScriptedModel({ turns: [{ error: new Error('model unavailable') }] })
    const agent = new Agent({ model, printer: false, retryStrategy: null })

    await expect(agent.invoke('Hi')).rejects.toThrow('model unavailable')
    expect(model.calls[0]?.outcome).toBe('failed')
  })

  it('fails when the script runs out', async () => {
    const model = new ScriptedModel({ turns: [{ text: 'only one' }] })
    const agent = new Agent({ model, printer: false, retryStrategy: null })
    await agent.invoke('first')

    await expect(agent.invoke('second')).rejects.toThrow('no turn for call 1')
  })

  it('omits session id without manager', async () => {
    const model = new ScriptedModel({ turns: [{ text: 'ok' }] })
    const agent = new Agent({ model, printer: false })

    await agent.invoke('Hi')

    expect(model.calls[0]?.sessionId).toBeUndefined()
  })

  it('rejects a negative delay', () => {
    expect(() => new ScriptedModel({ turns: [], tokenDelayMs: -1 })).toThrow(RangeError)
    expect(() => new ScriptedModel({ turns: [], timeToFirstTokenMs: Number.NaN })).toThrow('timeToFirstTokenMs')
  })

  it('updates its configuration', () => {
    const model = new ScriptedModel({ turns: [], tokenDelayMs: 5 })

    model.updateConfig({ tokenDelayMs: 10 })

    expect(model.getConfig()).toEqual({ modelId: 'scripted-model', timeToFirstTokenMs: 0, tokenDelayMs: 10 })
    expect(model.modelId).toBe('scripted-model')
  })
})
