import type { CreateEventCommandInput } from '@aws-sdk/client-bedrock-agentcore'
import { describe, expect, it, vi } from 'vitest'
import { BackgroundExecutor } from '../executor/background-executor'
import type { MessageData } from '../message'
import { InMemoryAgentCoreMemory } from '../testing/in-memory-agentcore-memory'
import { MemorySession } from './memory-session'
import type { MemorySessionOptions } from './session-options'

const memoryId = 'test_memory-AAAAAAAAAA'

function user(text: string): MessageData {
  return { role: 'user', content: [{ text }] }
}

function assistant(text: string): MessageData {
  return { role: 'assistant', content: [{ text }] }
}

function newSession(backend: InMemoryAgentCoreMemory, options: Partial<MemorySessionOptions> = {}) {
  return new MemorySession({ memoryId, actorId: 'user-1', sessionId: 'session-1', client: backend, ...options })
}

function createInputs(backend: InMemoryAgentCoreMemory): CreateEventCommandInput[] {
  return backend
    .calls()
    .filter((call) => call.operation === 'CreateEvent')
    .map((call) => call.input as CreateEventCommandInput)
}

function serviceError(name: string, status: number): Error {
  return Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } })
}

async function restoredTexts(backend: InMemoryAgentCoreMemory): Promise<string[]> {
  const restored = await newSession(backend).restore()
  return restored.messages.map((entry) =>
    entry.message.content.map((block) => ('text' in block ? block.text : '')).join(''),
  )
}

describe('MemorySession batching', () => {
  it('holds messages until the batch is full', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const session = newSession(backend, { batchSize: 3 })
    await session.appendMessage(user('one'))
    await session.appendMessage(assistant('two'))
    expect(createInputs(backend)).toHaveLength(0)
    expect(session.pendingWrites()).toBe(2)
    await session.appendMessage(user('three'))
    expect(createInputs(backend)).toHaveLength(1)
    expect(session.pendingWrites()).toBe(0)
    expect(await restoredTexts(backend)).toEqual(['one', 'two', 'three'])
  })

  it('writes held messages on flush in one event', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const session = newSession(backend, { batchSize: 10 })
    await session.appendMessage(user('a'))
    await session.appendMessage(assistant('b'))
    await session.appendMessage(user('c'))
    await session.flush()
    const inputs = createInputs(backend)
    expect(inputs).toHaveLength(1)
    expect(inputs[0]?.payload?.length).toBeGreaterThanOrEqual(3)
    expect(await restoredTexts(backend)).toEqual(['a', 'b', 'c'])
    await session.flush()
    expect(createInputs(backend)).toHaveLength(1)
  })

  it('writes held messages and state on close', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const session = newSession(backend, { batchSize: 10 })
    await session.appendMessage(user('hi'))
    await session.saveAgentState({ appState: { name: 'Bob' }, modelState: {} })
    await session.saveAgentState({ appState: { name: 'Bobby' }, modelState: {} })
    expect(session.pendingWrites()).toBe(2)
    await session.close()
    expect(session.pendingWrites()).toBe(0)
    expect(createInputs(backend)).toHaveLength(2)
    const restored = await newSession(backend).restore()
    expect(restored.state?.appState).toEqual({ name: 'Bobby' })
  })

  it('makes no call when closing with nothing held', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const session = newSession(backend, { batchSize: 5, flushIntervalMs: 10 })
    await session.close()
    expect(backend.calls()).toHaveLength(0)
  })

  it('flushes after the interval', async () => {
    vi.useFakeTimers()
    try {
      const backend = new InMemoryAgentCoreMemory()
      const session = newSession(backend, { batchSize: 10, flushIntervalMs: 1_000 })
      await session.appendMessage(user('waiting'))
      await vi.advanceTimersByTimeAsync(999)
      expect(createInputs(backend)).toHaveLength(0)
      await vi.advanceTimersByTimeAsync(1)
      await vi.waitFor(() => expect(createInputs(backend)).toHaveLength(1))
      await vi.advanceTimersByTimeAsync(5_000)
      expect(createInputs(backend)).toHaveLength(1)
    } finally {
      vi.useRealTimers()
    }
  })

  it('sends a failed interval flush to onError', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const onError = vi.fn()
    const session = newSession(backend, { batchSize: 10, flushIntervalMs: 5, onError })
    await session.restore()
    backend.failNext('CreateEvent', serviceError('ValidationException', 400))
    await session.appendMessage(user('dropped?'), { id: 'timed' })
    await vi.waitFor(() => expect(onError).toHaveBeenCalledTimes(1))
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'WRITE_FAILED', messageIds: ['timed'] })
  })

  it('keeps the latest timestamp order in a batch', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const session = newSession(backend, { batchSize: 2 })
    await session.appendMessage(user('1'))
    await session.appendMessage(assistant('2'))
    await session.appendMessage(user('3'))
    await session.appendMessage(assistant('4'))
    const stamps = createInputs(backend).map((input) => input.eventTimestamp!.getTime())
    expect(stamps).toHaveLength(2)
    expect(stamps[1]).toBeGreaterThan(stamps[0]!)
  })

  it('reports a failed batch at flush', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const session = newSession(backend, { batchSize: 10 })
    await session.appendMessage(user('lost?'), { id: 'x1' })
    backend.failNext('CreateEvent', serviceError('ValidationException', 400))
    const failure = await session.flush().catch((error: unknown) => error)
    expect(failure).toMatchObject({ code: 'FLUSH_FAILED' })
    expect((failure as { failures: { messageIds: string[] }[] }).failures[0]?.messageIds).toEqual(['x1'])
    expect(session.pendingWrites()).toBe(0)
  })
})

describe('MemorySession payload limits', () => {
  it('rejects an oversized message before any call', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const session = newSession(backend)
    const huge = user('x'.repeat(10_000_001))
    await expect(session.appendMessage(huge, { id: 'huge' })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' })
    expect(backend.calls()).toHaveLength(0)
    expect(session.pendingWrites()).toBe(0)
  })
})

describe('MemorySession encoding', () => {
  it('writes a held message as it was appended', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const session = newSession(backend, { batchSize: 2 })
    const first = user('original')
    await session.appendMessage(first)
    // Each message is encoded once, when it is accepted, so a later change of the caller's object is not written.
    first.content[0] = { text: 'changed' }
    await session.appendMessage(assistant('reply'))
    expect(await restoredTexts(backend)).toEqual(['original', 'reply'])
  })
})

describe('MemorySession metadata', () => {
  it('writes default and provider metadata per event', async () => {
    const backend = new InMemoryAgentCoreMemory()
    let trace = 0
    const session = newSession(backend, {
      defaultMetadata: { location: 'NYC', tier: { stringValue: 'gold' } },
      metadataProvider: () => ({ traceId: `trace-${++trace}`, tier: 'platinum' }),
    })
    await session.appendMessage(user('a'))
    await session.appendMessage(assistant('b'))
    const metadata = createInputs(backend).map((input) => input.metadata)
    expect(metadata[0]).toEqual({
      location: { stringValue: 'NYC' },
      tier: { stringValue: 'platinum' },
      traceId: { stringValue: 'trace-1' },
      agentId: { stringValue: 'default' },
      // The session was empty when the first write seeded its timestamps, so the agent has no state.
      stateEventId: { stringValue: 'none' },
    })
    expect(metadata[1]?.traceId).toEqual({ stringValue: 'trace-2' })
  })

  it('rejects a provider using a reserved key', async () => {
    const session = newSession(new InMemoryAgentCoreMemory(), { metadataProvider: () => ({ agentId: 'spoof' }) })
    await expect(session.appendMessage(user('a'))).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      option: 'metadataProvider',
    })
  })

  it('rejects a provider with too many keys', async () => {
    const many = Object.fromEntries(Array.from({ length: 15 }, (_, index) => [`k${index}`, 'v']))
    const session = newSession(new InMemoryAgentCoreMemory(), { metadataProvider: () => many })
    await expect(session.appendMessage(user('a'))).rejects.toMatchObject({ code: 'INVALID_OPTION' })
  })

  it('merges batched metadata with later winning', async () => {
    const backend = new InMemoryAgentCoreMemory()
    let trace = 0
    const session = newSession(backend, { batchSize: 2, metadataProvider: () => ({ traceId: `t${++trace}` }) })
    await session.appendMessage(user('a'))
    await session.appendMessage(assistant('b'))
    expect(createInputs(backend)[0]?.metadata?.traceId).toEqual({ stringValue: 't2' })
  })

  it('marks agent state with stateType and agentId', async () => {
    const backend = new InMemoryAgentCoreMemory()
    await newSession(backend, { agentId: 'planner', batchSize: 5 }).close()
    const session = newSession(backend, { agentId: 'planner', batchSize: 5 })
    await session.saveAgentState({ appState: { x: 1 }, modelState: {} })
    await session.close()
    expect(createInputs(backend)[0]?.metadata).toMatchObject({
      stateType: { stringValue: 'AGENT' },
      agentId: { stringValue: 'planner' },
    })
  })
})

describe('MemorySession replaceMessage', () => {
  it('replaces a persisted message and deletes the old event', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const session = newSession(backend)
    await session.appendMessage(user('my card is 4111'), { id: 'u1' })
    await session.appendMessage(assistant('noted'), { id: 'a1' })
    const oldEventId = backend.events('user-1', 'session-1')[0]?.eventId
    await session.replaceMessage('u1', user('[redacted]'))
    expect(await restoredTexts(backend)).toEqual(['[redacted]', 'noted'])
    expect(backend.events('user-1', 'session-1').map((event) => event.eventId)).not.toContain(oldEventId)
    const deletes = backend.calls().filter((call) => call.operation === 'DeleteEvent')
    expect(deletes.map((call) => (call.input as { eventId: string }).eventId)).toEqual([oldEventId])
  })

  it('keeps the place of a message redacted after later turns', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const session = newSession(backend)
    await session.appendMessage(user('first'), { id: 'u1' })
    await session.appendMessage(assistant('second'), { id: 'a1' })
    await session.appendMessage(user('third'), { id: 'u2' })
    await session.replaceMessage('u1', user('first, redacted'))
    expect(await restoredTexts(backend)).toEqual(['first, redacted', 'second', 'third'])
  })

  it('replaces a restored message', async () => {
    const backend = new InMemoryAgentCoreMemory()
    await newSession(backend).appendMessage(user('secret'), { id: 'u1' })
    const resumed = newSession(backend)
    const restored = await resumed.restore()
    await resumed.replaceMessage(restored.messages[0]!.id, user('[redacted]'))
    expect(await restoredTexts(backend)).toEqual(['[redacted]'])
  })

  it('replaces a held message without a call', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const session = newSession(backend, { batchSize: 5 })
    await session.appendMessage(user('secret'), { id: 'u1' })
    await session.replaceMessage('u1', user('[redacted]'))
    expect(backend.calls()).toHaveLength(0)
    await session.flush()
    expect(await restoredTexts(backend)).toEqual(['[redacted]'])
  })

  it('replaces one message of a batched event and keeps the others', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const session = newSession(backend, { batchSize: 2 })
    await session.appendMessage(user('secret'), { id: 'u1' })
    await session.appendMessage(assistant('ok'), { id: 'a1' })
    await session.replaceMessage('u1', user('[redacted]'))
    expect(await restoredTexts(backend)).toEqual(['[redacted]', 'ok'])
    expect(backend.events('user-1', 'session-1')).toHaveLength(1)
  })

  it('rolls back when the delete fails', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const session = newSession(backend)
    await session.appendMessage(user('secret'), { id: 'u1' })
    const [original] = backend.events('user-1', 'session-1')
    backend.failNext('DeleteEvent', serviceError('AccessDeniedException', 403))
    await expect(session.replaceMessage('u1', user('[redacted]'))).rejects.toMatchObject({
      code: 'WRITE_FAILED',
      operation: 'replace',
    })
    const deletes = backend.calls().filter((call) => call.operation === 'DeleteEvent')
    expect(deletes).toHaveLength(2)
    expect((deletes[1]!.input as { eventId: string }).eventId).not.toBe(original?.eventId)
    expect(backend.events('user-1', 'session-1').map((event) => event.eventId)).toEqual([original?.eventId])
    // A later attempt still works.
    await session.replaceMessage('u1', user('[redacted]'))
    expect(await restoredTexts(backend)).toEqual(['[redacted]'])
  })

  it('does not delete when the new write fails', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const session = newSession(backend)
    await session.appendMessage(user('secret'), { id: 'u1' })
    backend.failNext('CreateEvent', serviceError('ValidationException', 400))
    await expect(session.replaceMessage('u1', user('[redacted]'))).rejects.toMatchObject({ code: 'WRITE_FAILED' })
    expect(backend.callCounts().DeleteEvent).toBeUndefined()
    expect(await restoredTexts(backend)).toEqual(['secret'])
  })

  it('rejects an unknown id', async () => {
    const session = newSession(new InMemoryAgentCoreMemory())
    await expect(session.replaceMessage('nope', user('x'))).rejects.toMatchObject({ code: 'MESSAGE_NOT_FOUND' })
  })

  it('replaces a message still queued in a background executor', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const executor = new BackgroundExecutor({ maxConcurrentSessions: 1 })
    const session = newSession(backend, { executor })
    const other = newSession(backend, { executor, sessionId: 'busy' })
    // The other session occupies the only slot while this session's message waits in its queue.
    const busy = other.appendMessage(user('first in line'))
    await busy
    await session.appendMessage(user('secret'), { id: 'u1' })
    await session.replaceMessage('u1', user('[redacted]'))
    await session.flush()
    expect(backend.callCounts().DeleteEvent).toBeUndefined()
    expect(await restoredTexts(backend)).toEqual(['[redacted]'])
  })
})

describe('MemorySession persistenceMode NONE', () => {
  it('writes nothing and still reads', async () => {
    const backend = new InMemoryAgentCoreMemory()
    await newSession(backend).appendMessage(user('stored earlier'))
    const calls = backend.calls().length
    const session = newSession(backend, {
      persistenceMode: 'NONE',
      batchSize: 2,
      retrievalConfig: { '/facts/{actorId}/': { relevanceScore: 0 } },
    })
    backend.addRecord({ namespace: '/facts/user-1/', text: 'likes tea', score: 0.9 })
    const restored = await session.restore()
    expect(restored.messages).toHaveLength(1)
    await session.appendMessage(user('a'))
    await session.appendMessage(assistant('b'))
    expect(await session.saveAgentState({ appState: { a: 1 }, modelState: {} })).toBe(true)
    expect(await session.saveAgentState({ appState: { a: 1 }, modelState: {} })).toBe(false)
    await session.replaceMessage('whatever', user('x'))
    const context = await session.retrieveContext('tea')
    expect(context.text).toBe('<user_context>likes tea</user_context>')
    await session.close()
    const later = backend
      .calls()
      .slice(calls)
      .map((call) => call.operation)
    expect(later).not.toContain('CreateEvent')
    expect(later).not.toContain('DeleteEvent')
    expect(later).toContain('ListEvents')
    expect(later).toContain('RetrieveMemoryRecords')
  })
})

describe('MemorySession with a background executor', () => {
  it('resolves before the write is durable', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const session = newSession(backend, { asyncMode: true })
    await session.appendMessage(user('fast'))
    expect(session.pendingWrites()).toBe(1)
    await session.flush()
    expect(session.pendingWrites()).toBe(0)
    expect(await restoredTexts(backend)).toEqual(['fast'])
  })

  it('groups writes queued during a call', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const session = newSession(backend, { asyncMode: true })
    await session.restore()
    backend.setLatency(20)
    await session.appendMessage(user('m0'))
    for (let index = 1; index < 6; index += 1) {
      await session.appendMessage(index % 2 === 0 ? user(`m${index}`) : assistant(`m${index}`))
    }
    await session.flush()
    // The first write leaves alone; the five queued behind it leave together.
    expect(createInputs(backend)).toHaveLength(2)
    expect(await restoredTexts(backend)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5'])
  })

  it('retries throttling and keeps order', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const executor = new BackgroundExecutor({ throttlingBaseDelayMs: 1, retryBaseDelayMs: 1 })
    const session = newSession(backend, { executor })
    backend.failNext('CreateEvent', serviceError('ThrottledException', 429))
    backend.failNext('CreateEvent', serviceError('ServiceException', 500))
    await session.appendMessage(user('one'))
    await session.appendMessage(assistant('two'))
    await session.flush()
    expect(session.executor).toBe(executor)
    expect(executor.stats().retried).toBe(2)
    expect(await restoredTexts(backend)).toEqual(['one', 'two'])
  })

  it('sends a failure to onError and to the next flush', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const onError = vi.fn()
    const session = newSession(backend, { asyncMode: true, onError })
    backend.failNext('CreateEvent', serviceError('ValidationException', 400))
    await session.appendMessage(user('rejected'), { id: 'bad' })
    await expect(session.flush()).rejects.toMatchObject({ code: 'FLUSH_FAILED' })
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'WRITE_FAILED', messageIds: ['bad'] })
    await expect(session.flush()).resolves.toBeUndefined()
  })

  it('does not send an inline failure to onError', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const onError = vi.fn()
    const session = newSession(backend, { onError })
    backend.failNext('CreateEvent', serviceError('ValidationException', 400))
    await expect(session.appendMessage(user('rejected'))).rejects.toMatchObject({ code: 'WRITE_FAILED' })
    expect(onError).not.toHaveBeenCalled()
  })
})

describe('MemorySession retryFailedWrites', () => {
  it('resubmits a failed message in its place', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const session = newSession(backend, { asyncMode: true })
    await session.restore()
    backend.failNext('CreateEvent', serviceError('AccessDeniedException', 403))
    await session.appendMessage(user('first'), { id: 'first' })
    await expect(session.flush()).rejects.toMatchObject({ code: 'FLUSH_FAILED' })
    await session.appendMessage(assistant('second'), { id: 'second' })
    await session.flush()
    expect(await session.retryFailedWrites()).toBe(1)
    await session.flush()
    expect(session.pendingWrites()).toBe(0)
    expect(await restoredTexts(backend)).toEqual(['first', 'second'])
    expect(await session.retryFailedWrites()).toBe(0)
  })

  it('resubmits a failed agent state', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const session = newSession(backend)
    await session.restore()
    backend.failNext('CreateEvent', serviceError('AccessDeniedException', 403))
    await expect(session.saveAgentState({ appState: { v: 1 }, modelState: {} })).rejects.toMatchObject({
      code: 'WRITE_FAILED',
    })
    expect(await session.retryFailedWrites()).toBe(1)
    expect((await newSession(backend).restore()).state?.appState).toEqual({ v: 1 })
  })

  it('drops a failed state once a newer one is saved', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const session = newSession(backend)
    await session.restore()
    backend.failNext('CreateEvent', serviceError('AccessDeniedException', 403))
    await session.saveAgentState({ appState: { v: 1 }, modelState: {} }).catch(() => {})
    await session.saveAgentState({ appState: { v: 2 }, modelState: {} })
    expect(await session.retryFailedWrites()).toBe(0)
    expect((await newSession(backend).restore()).state?.appState).toEqual({ v: 2 })
  })
})
