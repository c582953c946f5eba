import { Agent } from '@strands-agents/sdk'
import { describe, expect, it } from 'vitest'
import { ScriptedModel } from '../testing/scripted-model'
import { captureAgentState, loadIntoAgent, stateFingerprint } from './agent-state'

function newAgent(options: { appState?: Record<string, string | number> } = {}): Agent {
  return new Agent({ model: new ScriptedModel({ turns: [] }), printer: false, ...options })
}

describe('captureAgentState', () => {
  it('reads app and model state', () => {
    const agent = newAgent({ appState: { plan: 'pro' } })
    agent.modelState.set('responseId', 'r-1')

    const state = captureAgentState(agent)

    expect(state.appState).toEqual({ plan: 'pro' })
    expect(state.modelState).toEqual({ responseId: 'r-1' })
  })

  it('leaves out empty interrupt state', () => {
    const state = captureAgentState(newAgent())

    expect(state).toEqual({ appState: {}, modelState: {} })
  })
})

describe('loadIntoAgent', () => {
  it('round-trips state into another agent', () => {
    const source = newAgent({ appState: { count: 3 } })
    source.modelState.set('cursor', 'c-9')
    const state = captureAgentState(source)
    const target = newAgent()

    loadIntoAgent(target, { state })

    expect(target.appState.getAll()).toEqual({ count: 3 })
    expect(target.modelState.getAll()).toEqual({ cursor: 'c-9' })
    expect(stateFingerprint(captureAgentState(target))).toBe(stateFingerprint(state))
  })

  it('replaces messages and keeps tracking ids', () => {
    const agent = newAgent()

    loadIntoAgent(agent, {
      messages: [
        { role: 'user', content: [{ text: 'hi' }], trackingId: 'm-1' },
        { role: 'assistant', content: [{ text: 'hello' }], trackingId: 'm-2' },
      ],
    })

    expect(agent.messages.map((message) => message.trackingId)).toEqual(['m-1', 'm-2'])
    expect(agent.messages[1]?.toJSON().content).toEqual([{ text: 'hello' }])
  })

  it('leaves messages alone without messages', () => {
    const agent = newAgent()
    loadIntoAgent(agent, { messages: [{ role: 'user', content: [{ text: 'kept' }], trackingId: 'k' }] })

    loadIntoAgent(agent, { state: { appState: { a: 1 }, modelState: {} } })

    expect(agent.messages).toHaveLength(1)
    expect(agent.appState.get('a')).toBe(1)
  })
})

describe('stateFingerprint', () => {
  it('ignores key order', () => {
    const first = stateFingerprint({ appState: { a: 1, b: { c: 2, d: 3 } }, modelState: {} })
    const second = stateFingerprint({ modelState: {}, appState: { b: { d: 3, c: 2 }, a: 1 } })

    expect(first).toBe(second)
  })

  it('differs for different values', () => {
    const first = stateFingerprint({ appState: { a: 1 }, modelState: {} })
    const second = stateFingerprint({ appState: { a: 2 }, modelState: {} })

    expect(first).not.toBe(second)
  })
})
