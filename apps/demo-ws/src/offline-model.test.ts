import { Agent, Message, TextBlock } from '@strands-agents/sdk'
import { describe, expect, it } from 'vitest'
import { createCurrentTimeTool } from './current-time-tool'
import { OfflineModel } from './offline-model'

const fast = { firstTokenMs: 0, minTokenMs: 0, maxTokenMs: 1 }

function createAgent(messages: Message[] = []) {
  return new Agent({
    model: new OfflineModel({ delays: fast }),
    printer: false,
    tools: [createCurrentTimeTool(() => new Date('2026-03-01T14:05:00Z'))],
    messages,
  })
}

async function collect(agent: Agent, prompt: string) {
  const tokens: string[] = []
  const types: string[] = []
  for await (const event of agent.stream(prompt)) {
    types.push(event.type)
    if (
      event.type === 'modelStreamUpdateEvent' &&
      event.event.type === 'modelContentBlockDeltaEvent' &&
      event.event.delta.type === 'textDelta'
    ) {
      tokens.push(event.event.delta.text)
    }
  }
  return { text: tokens.join(''), tokens, types }
}

describe('OfflineModel', () => {
  it('streams a reply in several tokens', async () => {
    const { text, tokens } = await collect(createAgent(), 'Hello there')

    expect(tokens.length).toBeGreaterThan(5)
    expect(text).toContain('You said: "Hello there".')
    expect(text).toContain('start of our conversation')
  })

  it('calls current_time when asked the time', async () => {
    const agent = createAgent()
    const { text, types } = await collect(agent, 'What time is it?')

    expect(types).toContain('toolResultEvent')
    expect(text).toContain('It is 14:05 (UTC) right now.')
    expect(agent.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant'])
  })

  it('repeats a preference from the history', async () => {
    const agent = createAgent()
    await collect(agent, 'I like green tea.')
    const { text } = await collect(agent, 'What do I like?')

    expect(text).toBe('You told me you like green tea.')
  })

  it('uses long-term context blocks of the prompt', async () => {
    const agent = createAgent()
    const prompt = new Message({
      role: 'user',
      content: [new TextBlock('What do I like?'), new TextBlock('<memory>The user said: I love hiking.</memory>')],
    })
    let text = ''
    for await (const event of agent.stream([prompt])) {
      if (event.type === 'agentResultEvent') text = event.result.toString()
    }

    expect(text).toBe('You told me you love hiking.')
  })

  it('stops streaming when the agent is cancelled', async () => {
    const agent = new Agent({
      model: new OfflineModel({ delays: { firstTokenMs: 0, minTokenMs: 5, maxTokenMs: 5 } }),
      printer: false,
    })
    let tokens = 0
    let stopReason = ''
    for await (const event of agent.stream('Tell me a long story please, with many many words in it')) {
      if (event.type === 'modelStreamUpdateEvent' && event.event.type === 'modelContentBlockDeltaEvent') {
        tokens++
        if (tokens === 2) agent.cancel()
      }
      if (event.type === 'agentResultEvent') stopReason = event.result.stopReason
    }

    expect(stopReason).toBe('cancelled')
    expect(tokens).toBeLessThan(5)
    expect(agent.messages.map((message) => message.role)).toEqual(['user', 'assistant'])
  })
})

describe('OfflineModel memory context', () => {
  it('restates preference and fact records', async () => {
    const agent = createAgent()
    const context = [
      '<user_context>{"context":"The user stated that they like green tea.","preference":"Likes green tea"}',
      'The user lives in Paris.',
      "The user's name is Ann.</user_context>",
    ].join('\n')
    const prompt = new Message({ role: 'user', content: [new TextBlock(context), new TextBlock('What do I like?')] })
    let text = ''
    for await (const event of agent.stream([prompt])) {
      if (event.type === 'agentResultEvent') text = event.result.toString()
    }

    expect(text).toBe('You told me you like green tea, live in Paris and said your name is Ann.')
  })
})
