import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestDemo, type TestDemo, testLatency } from '../test-support/demo-harness'
import { claimsOf, listStoredMessages } from '../test-support/stored-messages'
import { TestClient } from '../test-support/ws-client'

describe('demo server conversation', () => {
  let demo: TestDemo

  beforeAll(async () => {
    demo = await startTestDemo()
  })

  afterAll(async () => {
    await demo.stop()
  })

  it('starts a new session before any prompt', async () => {
    const client = await TestClient.connect(demo.url)
    const session = await client.next('session')

    expect(session.resumed).toBe(false)
    expect(session.mode).toBe('async')
    expect(session.history).toEqual([])
    expect(session.token).toMatch(/^[\w-]+\.[\w-]+$/)
    await client.close()
  })

  it('restores before the first prompt', async () => {
    const client = await TestClient.connect(demo.url)
    const { token } = await client.next('session')
    const { sessionId } = claimsOf(token)
    const reads = demo.memory.emulator
      ?.requestLog()
      .filter((entry) => entry.sessionId === sessionId)
      .map((entry) => entry.operation)

    expect(reads).toEqual(['ListEvents'])
    await client.close()
  })

  it('queues a prompt sent before the restore', async () => {
    demo.memory.emulator?.setLatency({ default: { fixedMs: 1 }, perOperation: { ListEvents: { fixedMs: 100 } } })
    try {
      const client = await TestClient.connect(demo.url)
      client.prompt('Hello before restore', 'early')
      const done = await client.next('done')
      const types = client.received.map((message) => message.type)

      expect(types[0]).toBe('session')
      expect(types[1]).toBe('turn_start')
      expect(done.turnId).toBe('early')
      expect(done.stopReason).toBe('endTurn')
      await client.close()
    } finally {
      demo.memory.emulator?.setLatency(testLatency)
    }
  })

  it('streams two turns with metrics', async () => {
    const client = await TestClient.connect(demo.url)
    await client.next('session')

    const first = await client.turn('Hello there')
    const second = await client.turn('How are you?')

    expect(first.messages[0]?.type).toBe('turn_start')
    expect(first.messages.filter((message) => message.type === 'token').length).toBeGreaterThan(5)
    expect(first.text).toContain('You said: "Hello there".')
    expect(second.text).toContain('This is prompt 2 of our conversation.')
    expect(second.done.stopReason).toBe('endTurn')
    expect(second.done.metrics.mode).toBe('async')
    expect(second.done.metrics.timeToFirstTokenMs).toBeGreaterThan(0)
    expect(second.done.metrics.turnMs).toBeGreaterThanOrEqual(second.done.metrics.timeToFirstTokenMs ?? 0)
    expect(second.done.metrics.pendingWrites).toBeGreaterThanOrEqual(0)
    expect(second.done.metrics.eventLoopDelay.maxMs).toBeGreaterThanOrEqual(0)
    await client.close()
  })

  it('echoes the client turn id', async () => {
    const client = await TestClient.connect(demo.url)
    await client.next('session')

    client.prompt('Hi', 'turn-42')
    const start = await client.next('turn_start')
    const done = await client.next('done')

    expect(start.turnId).toBe('turn-42')
    expect(done.turnId).toBe('turn-42')
    await client.close()
  })

  it('streams a tool call and its result', async () => {
    const client = await TestClient.connect(demo.url)
    await client.next('session')

    const { messages, text } = await client.turn('What time is it?')
    const types = messages.map((message) => message.type)
    const call = messages.find((message) => message.type === 'tool_call')
    const result = messages.find((message) => message.type === 'tool_result')

    expect(call).toMatchObject({ name: 'current_time', input: {} })
    expect(result).toMatchObject({ status: 'success', toolUseId: call?.type === 'tool_call' ? call.toolUseId : '' })
    expect(types.indexOf('tool_call')).toBeLessThan(types.indexOf('tool_result'))
    expect(text).toMatch(/It is \d\d:\d\d \(UTC\) right now\./)
    await client.close()
  })

  it('restores the history on reconnect and uses it', async () => {
    const first = await TestClient.connect(demo.url)
    const { token } = await first.next('session')
    await first.turn('I like green tea.')
    await first.close()

    const second = await TestClient.connect(demo.url, { token })
    const session = await second.next('session')
    const reply = await second.turn('What do I like?')

    expect(session.resumed).toBe(true)
    expect(session.sessionId).toBe(claimsOf(token).sessionId)
    expect(session.history.map((message) => message.role)).toEqual(['user', 'assistant'])
    expect(session.history[0]?.blocks).toEqual([{ type: 'text', text: 'I like green tea.' }])
    expect(reply.text).toBe('You told me you like green tea.')
    await second.close()
  })

  it('starts a new session for the same actor with new=1', async () => {
    const first = await TestClient.connect(demo.url)
    const { token } = await first.next('session')
    await first.close()

    const second = await TestClient.connect(demo.url, { token, new: '1', mode: 'inline' })
    const session = await second.next('session')

    expect(session.resumed).toBe(false)
    expect(session.mode).toBe('inline')
    expect(claimsOf(session.token).actorId).toBe(claimsOf(token).actorId)
    expect(claimsOf(session.token).sessionId).not.toBe(claimsOf(token).sessionId)
    await second.close()
  })

  it('runs inline mode with no pending writes after each turn', async () => {
    const client = await TestClient.connect(demo.url, { mode: 'inline' })
    const { token } = await client.next('session')
    const { done } = await client.turn('Hello inline')
    const { actorId, sessionId } = claimsOf(token)
    // Inline mode makes each write durable before the agent continues, so both messages are stored by `done`.
    const stored = await listStoredMessages(demo.memory.client, demo.memory.memoryId, actorId, sessionId)
    await client.close()

    expect(done.metrics.mode).toBe('inline')
    expect(done.metrics.pendingWrites).toBe(0)
    expect(stored.map((message) => message.role)).toEqual(['user', 'assistant'])
  })

  it('cancels a turn on request', async () => {
    const client = await TestClient.connect(demo.url)
    await client.next('session')

    client.prompt(`Please repeat ${'many words '.repeat(300)}`)
    await client.next('token')
    client.send({ type: 'cancel' })
    const done = await client.next('done')

    expect(done.stopReason).toBe('cancelled')
    const after = await client.turn('Are you still there?')
    expect(after.done.stopReason).toBe('endTurn')
    await client.close()
  })

  it('keeps prompt text out of info logs', async () => {
    const secretWords = 'purple elephant marmalade'
    const client = await TestClient.connect(demo.url)
    await client.next('session')
    await client.turn(`I like ${secretWords}`)
    await client.close()

    const infoAndAbove = demo.logs.filter((line) => line.level >= 30)
    const debug = demo.logs.filter((line) => line.level < 30)

    expect(infoAndAbove.some((line) => JSON.stringify(line).includes(secretWords))).toBe(false)
    expect(debug.some((line) => JSON.stringify(line).includes(secretWords))).toBe(true)
    expect(infoAndAbove.some((line) => line.event === 'turn_finished')).toBe(true)
  })
})
