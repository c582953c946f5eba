import { AgentCoreSessionError, BackgroundExecutor } from '@agentcore-session/core'
import type { RequestLogEntry } from '@agentcore-session/emulator'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ScriptedModel } from '../src/testing/index'
import {
  listAllEvents,
  type MemoryFixture,
  newAgent,
  newManager,
  startMemoryFixture,
  uniqueSessionId,
  weatherTool,
} from './support/memory-fixture'

function createEventsOf(log: RequestLogEntry[], sessionId: string): RequestLogEntry[] {
  return log.filter((entry) => entry.operation === 'CreateEvent' && entry.sessionId === sessionId)
}

describe('write modes', () => {
  let fixture: MemoryFixture

  beforeAll(async () => {
    fixture = await startMemoryFixture()
  })

  afterEach(() => {
    fixture.emulator.setLatency({})
    fixture.emulator.setFaults({})
  })

  afterAll(async () => {
    await fixture.close()
  })

  it('async mode streams while the write is in flight', async () => {
    const sessionId = uniqueSessionId('async')
    const manager = newManager(fixture, { sessionId, asyncMode: true, prefetch: false })
    let pendingAtModelStart = -1
    const model = new ScriptedModel({
      turns: () => {
        pendingAtModelStart = manager.pendingWrites()
        return { text: 'streamed while writing' }
      },
    })
    const agent = newAgent(model, manager)
    await agent.initialize()
    fixture.emulator.clearRequestLog()
    fixture.emulator.setLatency({ default: { fixedMs: 300, jitterMs: 0 } })

    const result = await agent.invoke('Hello')
    const pendingAfterInvocation = manager.pendingWrites()
    await manager.flush()

    expect(result.toString()).toBe('streamed while writing')
    const userWrite = createEventsOf(fixture.emulator.requestLog(), sessionId)[0]
    expect(userWrite).toBeDefined()
    expect(model.calls[0]!.startedAt).toBeLessThan(userWrite!.respondedAt)
    expect(pendingAtModelStart).toBeGreaterThan(0)
    expect(pendingAfterInvocation).toBeGreaterThan(0)
    expect(manager.pendingWrites()).toBe(0)
    expect(await listAllEvents(fixture, sessionId)).not.toHaveLength(0)
    await manager.close()
  })

  it('async mode runs tool cycles without waiting', async () => {
    const sessionId = uniqueSessionId('async-tools')
    const manager = newManager(fixture, { sessionId, asyncMode: true, prefetch: false })
    const model = new ScriptedModel({
      turns: (messages) =>
        messages.at(-1)?.content.some((block) => 'toolResult' in block)
          ? { text: 'Sunny.' }
          : { toolUses: [{ name: 'get_weather', input: { city: 'Rome' } }] },
    })
    const agent = newAgent(model, manager, { tools: [weatherTool] })
    await agent.initialize()
    fixture.emulator.clearRequestLog()
    fixture.emulator.setLatency({ default: { fixedMs: 300, jitterMs: 0 } })

    await agent.invoke('Weather in Rome?')
    await manager.flush()

    expect(model.calls).toHaveLength(2)
    const writes = createEventsOf(fixture.emulator.requestLog(), sessionId)
    const secondCallStart = model.calls[1]!.startedAt
    // Three messages precede the second call (prompt, tool use, tool result); none of their writes had been answered.
    expect(writes.length).toBeGreaterThan(0)
    expect(writes.filter((write) => write.respondedAt <= secondCallStart)).toHaveLength(0)
    expect(manager.pendingWrites()).toBe(0)
    await manager.close()
  })

  it('initialisation reuses the prefetched restore', async () => {
    const sessionId = uniqueSessionId('prefetched')
    const manager = newManager(fixture, { sessionId, asyncMode: true })
    await manager.prefetch()
    fixture.emulator.clearRequestLog()
    const agent = newAgent(new ScriptedModel({ turns: [{ text: 'ready' }] }), manager)

    await agent.invoke('Hello')
    await manager.flush()

    const operations = fixture.emulator
      .requestLog()
      .filter((entry) => entry.sessionId === sessionId)
      .map((entry) => entry.operation)
    expect(operations).not.toContain('ListEvents')
    expect(operations).toContain('CreateEvent')
    await manager.close()
  })

  it('persistence mode NONE writes nothing', async () => {
    const sessionId = uniqueSessionId('no-persistence')
    const manager = newManager(fixture, { sessionId, persistenceMode: 'NONE' })
    const agent = newAgent(new ScriptedModel({ turns: [{ text: 'one' }, { text: 'two' }] }), manager)
    fixture.emulator.clearRequestLog()

    await agent.invoke('first')
    agent.appState.set('changed', true)
    await agent.invoke('second')
    await manager.close()

    const operations = fixture.emulator
      .requestLog()
      .filter((entry) => entry.sessionId === sessionId)
      .map((entry) => entry.operation)
    expect(operations).not.toContain('CreateEvent')
    expect(operations).not.toContain('DeleteEvent')
    expect(await listAllEvents(fixture, sessionId)).toEqual([])
  })

  it('inline mode writes before the model starts', async () => {
    const sessionId = uniqueSessionId('inline')
    const manager = newManager(fixture, { sessionId, prefetch: false })
    let pendingAtModelStart = -1
    const model = new ScriptedModel({
      turns: () => {
        pendingAtModelStart = manager.pendingWrites()
        return { text: 'after the write' }
      },
    })
    const agent = newAgent(model, manager)
    await agent.initialize()
    fixture.emulator.clearRequestLog()
    fixture.emulator.setLatency({ default: { fixedMs: 300, jitterMs: 0 } })

    await agent.invoke('Hello')

    const writes = createEventsOf(fixture.emulator.requestLog(), sessionId)
    const userWrite = writes[0]
    expect(userWrite).toBeDefined()
    expect(model.calls[0]!.startedAt).toBeGreaterThanOrEqual(userWrite!.respondedAt)
    expect(pendingAtModelStart).toBe(0)
    expect(manager.pendingWrites()).toBe(0)
    await manager.close()
  })

  it('flushOnInvocationEnd waits for every write', async () => {
    const sessionId = uniqueSessionId('flush-at-end')
    const manager = newManager(fixture, { sessionId, asyncMode: true, flushOnInvocationEnd: true })
    const agent = newAgent(new ScriptedModel({ turns: [{ text: 'durable' }] }), manager)
    fixture.emulator.setLatency({ default: { fixedMs: 50, jitterMs: 0 } })

    await agent.invoke('Hello')

    expect(manager.pendingWrites()).toBe(0)
    const stored = await listAllEvents(fixture, sessionId)
    expect(JSON.stringify(stored)).toContain('durable')
    await manager.close()
  })

  it('inline write failure fails the invocation', async () => {
    const sessionId = uniqueSessionId('inline-failure')
    const manager = newManager(fixture, { sessionId, prefetch: false })
    const model = new ScriptedModel({ turns: [{ text: 'never' }] })
    const agent = newAgent(model, manager)
    await agent.initialize()
    fixture.emulator.setFaults({ serviceErrorRate: 1, operations: ['CreateEvent'] })

    const failure = await agent.invoke('Hello').then(
      () => undefined,
      (error: unknown) => error,
    )

    expect(AgentCoreSessionError.isInstance(failure)).toBe(true)
    expect((failure as AgentCoreSessionError).code).toBe('WRITE_FAILED')
    expect(model.calls).toHaveLength(0)
  })

  it('async write failure goes to onError and flush', async () => {
    const sessionId = uniqueSessionId('async-failure')
    const reported: AgentCoreSessionError[] = []
    // A small retry budget makes the executor give up quickly on the failing service.
    const executor = new BackgroundExecutor({ retryBudgetMs: 200, maxAttempts: 2 })
    const manager = newManager(fixture, {
      sessionId,
      executor,
      prefetch: false,
      onError: (error) => reported.push(error),
    })
    const agent = newAgent(new ScriptedModel({ turns: [{ text: 'still answered' }] }), manager)
    await agent.initialize()
    fixture.emulator.setFaults({ serviceErrorRate: 1, operations: ['CreateEvent'] })

    const result = await agent.invoke('Hello')
    const flushError = await manager.flush().then(
      () => undefined,
      (error: unknown) => error,
    )

    expect(result.toString()).toBe('still answered')
    expect(AgentCoreSessionError.isInstance(flushError)).toBe(true)
    expect((flushError as AgentCoreSessionError).code).toBe('FLUSH_FAILED')
    expect(reported.length).toBeGreaterThan(0)
    expect(reported[0]?.code).toBe('WRITE_FAILED')
    await executor.close().catch(() => {})
  })

  it('oversized message fails the invocation', async () => {
    const sessionId = uniqueSessionId('oversized')
    const manager = newManager(fixture, { sessionId, asyncMode: true, prefetch: false })
    const model = new ScriptedModel({ turns: [{ text: 'never' }] })
    const agent = newAgent(model, manager)
    // 8 MB of bytes become about 10.7 MB of base64, over the 10 MB request size that core assumes.
    const bytes = new Uint8Array(8_000_000)

    const failure = await agent.invoke([{ image: { format: 'png', source: { bytes } } }]).then(
      () => undefined,
      (error: unknown) => error,
    )

    expect(AgentCoreSessionError.isInstance(failure)).toBe(true)
    expect((failure as AgentCoreSessionError).code).toBe('PAYLOAD_TOO_LARGE')
    expect(model.calls).toHaveLength(0)
    expect(
      fixture.emulator
        .requestLog()
        .filter((entry) => entry.operation === 'CreateEvent' && entry.sessionId === sessionId),
    ).toEqual([])
    await manager.close()
  })
})
