import type { MemoryContext, MemorySession } from '@agentcore-session/core'
import { Agent, InvokeModelStage, MessageAddedEvent, tool } from '@strands-agents/sdk'
import { describe, expect, it } from 'vitest'
import { ScriptedModel } from '../testing/scripted-model'
import { LongTermMemoryInjector } from './long-term-memory'

/** A session stub that implements only retrieveContext, the one method the injector calls. */
function retrievalStub(answer: (query: string) => Promise<MemoryContext>): {
  session: MemorySession
  queries: string[]
} {
  const queries: string[] = []
  const session = {
    retrieveContext: (query: string) => {
      queries.push(query)
      return answer(query)
    },
  } as unknown as MemorySession
  return { session, queries }
}

function agentWith(injector: LongTermMemoryInjector, model: ScriptedModel, tools: Parameters<typeof tool>[0][] = []) {
  const agent = new Agent({ model, printer: false, tools: tools.map((config) => tool(config)) })
  agent.addHook(MessageAddedEvent, (event) => injector.onMessageAdded(event.message))
  agent.addMiddleware(InvokeModelStage.Input, injector.injectContext)
  return agent
}

function textsOf(content: readonly unknown[]): string[] {
  return content.flatMap((block) =>
    typeof block === 'object' && block !== null && 'text' in block ? [String(block.text)] : [],
  )
}

describe('LongTermMemoryInjector', () => {
  it('injects context into the prompt for one call', async () => {
    const { session, queries } = retrievalStub(async () => ({
      text: '<user_context>likes tea</user_context>',
      records: [],
      failures: [],
    }))
    const injector = new LongTermMemoryInjector(session)
    const model = new ScriptedModel({ turns: [{ text: 'Tea it is.' }] })
    const agent = agentWith(injector, model)

    await agent.invoke('What should I drink?')

    expect(queries).toEqual(['What should I drink?'])
    const seen = model.calls[0]?.messages.at(-1)
    expect(textsOf(seen?.content ?? [])).toEqual(['<user_context>likes tea</user_context>', 'What should I drink?'])
    expect(textsOf(agent.messages[0]?.toJSON().content ?? [])).toEqual(['What should I drink?'])
  })

  it('leaves tool-result calls without context', async () => {
    const { session, queries } = retrievalStub(async () => ({ text: '<ctx>fact</ctx>', records: [], failures: [] }))
    const injector = new LongTermMemoryInjector(session)
    const model = new ScriptedModel({
      turns: [{ toolUses: [{ name: 'lookup', input: {} }] }, { text: 'Done.' }],
    })
    const agent = agentWith(injector, model, [
      { name: 'lookup', description: 'Looks up.', inputSchema: { type: 'object' }, callback: () => 'found' },
    ])

    await agent.invoke('Look it up')

    expect(queries).toHaveLength(1)
    expect(model.calls).toHaveLength(2)
    const firstCall = JSON.stringify(model.calls[0]?.messages)
    const secondCall = JSON.stringify(model.calls[1]?.messages)
    expect(firstCall).toContain('<ctx>fact</ctx>')
    expect(secondCall).not.toContain('<ctx>fact</ctx>')
  })

  it('does not pile up across turns', async () => {
    let turn = 0
    const { session } = retrievalStub(async () => ({ text: `<ctx>turn ${++turn}</ctx>`, records: [], failures: [] }))
    const injector = new LongTermMemoryInjector(session)
    const model = new ScriptedModel({ turns: [{ text: 'one' }, { text: 'two' }] })
    const agent = agentWith(injector, model)

    await agent.invoke('first')
    await agent.invoke('second')

    const secondCall = JSON.stringify(model.calls[1]?.messages)
    expect(secondCall).toContain('<ctx>turn 2</ctx>')
    expect(secondCall).not.toContain('<ctx>turn 1</ctx>')
  })

  it('skips prompts without text', async () => {
    const { session, queries } = retrievalStub(async () => ({ text: '<ctx>x</ctx>', records: [], failures: [] }))
    const injector = new LongTermMemoryInjector(session)
    const model = new ScriptedModel({ turns: [{ text: 'An image.' }] })
    const agent = agentWith(injector, model)

    await agent.invoke([{ image: { format: 'png', source: { bytes: new Uint8Array([1, 2, 3]) } } }])

    expect(queries).toEqual([])
    expect(JSON.stringify(model.calls[0]?.messages)).not.toContain('<ctx>')
  })

  it('goes on without context when retrieval fails', async () => {
    const { session } = retrievalStub(() => Promise.reject(new Error('service down')))
    const injector = new LongTermMemoryInjector(session)
    const model = new ScriptedModel({ turns: [{ text: 'Still here.' }] })
    const agent = agentWith(injector, model)

    const result = await agent.invoke('Hello')

    expect(result.toString()).toBe('Still here.')
    expect(textsOf(model.calls[0]?.messages[0]?.content ?? [])).toEqual(['Hello'])
  })

  it('drops discarded retrievals', async () => {
    const { session } = retrievalStub(async () => ({ text: '<ctx>blocked</ctx>', records: [], failures: [] }))
    const injector = new LongTermMemoryInjector(session)
    const model = new ScriptedModel({ turns: [{ text: 'ok' }] })
    const agent = agentWith(injector, model)
    agent.addHook(MessageAddedEvent, () => injector.discard())

    await agent.invoke('Hello')

    expect(JSON.stringify(model.calls[0]?.messages)).not.toContain('<ctx>')
  })
})
