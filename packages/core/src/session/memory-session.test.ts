import { describe, expect, it, vi } from 'vitest'
import { ManualClock } from '../manual-clock'
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

function texts(messages: { message: MessageData }[]): string[] {
  return messages.map((entry) =>
    entry.message.content.map((block) => ('text' in block ? block.text : Object.keys(block)[0])).join('|'),
  )
}

function newSession(backend: InMemoryAgentCoreMemory, options: Partial<MemorySessionOptions> = {}) {
  return new MemorySession({ memoryId, actorId: 'user-1', sessionId: 'session-1', client: backend, ...options })
}

describe('MemorySession append and restore', () => {
  it('restores appended messages in order', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const writer = newSession(backend)
    await writer.restore()
    await writer.appendMessage(user('hello'), { id: 'm1' })
    await writer.appendMessage(assistant('hi there'), { id: 'm2' })
    await writer.close()

    const restored = await newSession(backend).restore()
    expect(texts(restored.messages)).toEqual(['hello', 'hi there'])
    expect(restored.messages.map((entry) => entry.id)).toEqual(['m1', 'm2'])
    expect(restored.messages[0]?.eventId).toMatch(/^\d+#[0-9a-f]+$/)
  })

  it('writes nothing for a message of blank text', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const session = newSession(backend)
    const result = await session.appendMessage({ role: 'assistant', content: [{ text: '  ' }] }, { id: 'blank' })
    expect(result).toEqual({ id: 'blank' })
    expect(backend.callCounts().CreateEvent).toBeUndefined()
    expect(session.pendingWrites()).toBe(0)
  })

  it('drops blank blocks and keeps the rest', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const session = newSession(backend)
    await session.appendMessage({
      role: 'assistant',
      content: [{ text: '' }, { toolUse: { name: 'clock', toolUseId: 't1', input: {} } }],
    })
    const restored = await newSession(backend).restore()
    expect(restored.messages).toHaveLength(0) // starts with an assistant message, trimmed
    const events = backend.events('user-1', 'session-1')
    expect(events).toHaveLength(1)
  })

  it('generates an id when none is given', async () => {
    const session = newSession(new InMemoryAgentCoreMemory())
    const { id } = await session.appendMessage(user('x'))
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('rejects writes after close', async () => {
    const session = newSession(new InMemoryAgentCoreMemory())
    await session.close()
    await expect(session.appendMessage(user('late'))).rejects.toMatchObject({ code: 'SESSION_CLOSED' })
  })
})

function toolUse(id: string): MessageData {
  return { role: 'assistant', content: [{ toolUse: { name: 'lookup', toolUseId: id, input: { q: id } } }] }
}

function toolResult(id: string): MessageData {
  return { role: 'user', content: [{ toolResult: { toolUseId: id, status: 'success', content: [{ text: 'ok' }] } }] }
}

/** Writes `turns` user/assistant pairs, each turn with a tool round trip: 4 messages per turn. */
async function writeToolTurns(session: MemorySession, turns: number): Promise<void> {
  for (let turn = 0; turn < turns; turn += 1) {
    await session.appendMessage(user(`question ${turn}`), { id: `u${turn}` })
    await session.appendMessage(toolUse(`t${turn}`), { id: `tu${turn}` })
    await session.appendMessage(toolResult(`t${turn}`), { id: `tr${turn}` })
    await session.appendMessage(assistant(`answer ${turn}`), { id: `a${turn}` })
  }
}

describe('MemorySession restore', () => {
  it('pages through 250 events in order', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const writer = newSession(backend)
    for (let index = 0; index < 250; index += 1) {
      await writer.appendMessage(index % 2 === 0 ? user(`m${index}`) : assistant(`m${index}`), { id: `m${index}` })
    }
    const restored = await newSession(backend).restore()
    expect(restored.messages).toHaveLength(250)
    expect(restored.messages.map((entry) => entry.id)).toEqual(Array.from({ length: 250 }, (_, index) => `m${index}`))
    // The writer's timestamp seed read requests one event without payloads, and restore pages request 100.
    const pages = backend
      .calls()
      .filter(
        (call) => call.operation === 'ListEvents' && (call.input as { includePayloads?: boolean }).includePayloads,
      )
    expect(pages.map((call) => (call.input as { maxResults?: number }).maxResults)).toEqual([100, 100, 100])
  })

  it('stops paging once the limit is reached', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const writer = newSession(backend)
    for (let index = 0; index < 300; index += 1) {
      await writer.appendMessage(index % 2 === 0 ? user(`m${index}`) : assistant(`m${index}`), { id: `m${index}` })
    }
    const before = backend.callCounts().ListEvents ?? 0
    const restored = await newSession(backend, { restoreLimit: 10 }).restore()
    expect(restored.messages.map((entry) => entry.id)).toEqual(
      Array.from({ length: 10 }, (_, index) => `m${290 + index}`),
    )
    // One page of messages plus one filtered state query with no state to find (3 pages scanned).
    const listCalls = (backend.callCounts().ListEvents ?? 0) - before
    expect(listCalls).toBeLessThanOrEqual(4)
  })

  it('never starts with an orphan toolResult', async () => {
    const backend = new InMemoryAgentCoreMemory()
    await writeToolTurns(newSession(backend), 3)
    // The newest 6 messages start at tr1, whose toolUse is cut off.
    const restored = await newSession(backend, { restoreLimit: 6 }).restore()
    expect(restored.messages.map((entry) => entry.id)).toEqual(['u2', 'tu2', 'tr2', 'a2'])
    expect(restored.messages[0]?.message.role).toBe('user')
  })

  it('counts only messages toward the limit', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const writer = newSession(backend)
    for (let index = 0; index < 8; index += 1) {
      await writer.appendMessage(index % 2 === 0 ? user(`m${index}`) : assistant(`m${index}`), { id: `m${index}` })
      if (index % 3 === 0) {
        await writer.saveAgentState({ appState: { step: index }, modelState: {} })
      }
    }
    const restored = await newSession(backend, { restoreLimit: 5 }).restore()
    // The newest 5 are m3..m7; m3 is an assistant message, so the history starts at m4.
    expect(restored.messages.map((entry) => entry.id)).toEqual(['m4', 'm5', 'm6', 'm7'])
    expect(restored.state?.appState).toEqual({ step: 6 })
  })

  it('finds old agent state beyond the limit', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const writer = newSession(backend)
    await writer.saveAgentState({ appState: { name: 'Ada' }, modelState: {} })
    for (let index = 0; index < 220; index += 1) {
      await writer.appendMessage(index % 2 === 0 ? user(`m${index}`) : assistant(`m${index}`))
    }
    const restored = await newSession(backend, { restoreLimit: 2 }).restore()
    expect(restored.messages).toHaveLength(2)
    expect(restored.state?.appState).toEqual({ name: 'Ada' })
  })

  it('returns only the own agent messages and untagged ones', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const a = newSession(backend, { agentId: 'a' })
    const b = newSession(backend, { agentId: 'b' })
    await a.appendMessage(user('to a'), { id: 'a1' })
    await b.appendMessage(user('to b'), { id: 'b1' })
    await a.appendMessage(assistant('from a'), { id: 'a2' })
    await b.appendMessage(assistant('from b'), { id: 'b2' })
    expect((await newSession(backend, { agentId: 'a' }).restore()).messages.map((entry) => entry.id)).toEqual([
      'a1',
      'a2',
    ])
    expect((await newSession(backend, { agentId: 'b' }).restore()).messages.map((entry) => entry.id)).toEqual([
      'b1',
      'b2',
    ])
  })

  it('removes tool context and keeps alternation', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const writer = newSession(backend)
    await writer.appendMessage(user('weather?'), { id: 'u0' })
    await writer.appendMessage(
      { role: 'assistant', content: [{ text: 'checking' }, { toolUse: { name: 'w', toolUseId: 't', input: {} } }] },
      { id: 'a0' },
    )
    await writer.appendMessage(toolResult('t'), { id: 'r0' })
    await writer.appendMessage(assistant('sunny'), { id: 'a1' })
    const restored = await newSession(backend, { filterRestoredToolContext: true }).restore()
    expect(restored.messages.map((entry) => entry.message.role)).toEqual(['user', 'assistant'])
    expect(texts(restored.messages)).toEqual(['weather?', 'checking|sunny'])
  })

  it('shares one restore between prefetch and restore', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const session = newSession(backend)
    const first = session.prefetch()
    expect(session.prefetch()).toBe(first)
    expect(session.restore()).toBe(first)
    await first
    expect(backend.callCounts().ListEvents).toBe(1)
  })

  it('raises READ_FAILED instead of an empty history', async () => {
    const backend = new InMemoryAgentCoreMemory()
    await newSession(backend).appendMessage(user('kept'))
    const denied = Object.assign(new Error('denied'), {
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
    })
    backend.failNext('ListEvents', denied)
    const session = newSession(backend)
    await expect(session.restore()).rejects.toMatchObject({ code: 'READ_FAILED', cause: denied })
  })

  it('reads again after a failed restore', async () => {
    const backend = new InMemoryAgentCoreMemory()
    await newSession(backend).appendMessage(user('kept'))
    backend.failNext('ListEvents', Object.assign(new Error('denied'), { name: 'AccessDeniedException' }))
    const session = newSession(backend)
    await expect(session.restore()).rejects.toMatchObject({ code: 'READ_FAILED' })
    const restored = await session.restore()
    expect(texts(restored.messages)).toEqual(['kept'])
    expect(session.prefetch()).toBe(session.restore())
  })

  it('retries a throttled read', async () => {
    const backend = new InMemoryAgentCoreMemory()
    await newSession(backend).appendMessage(user('kept'))
    backend.failNext(
      'ListEvents',
      Object.assign(new Error('slow down'), { name: 'ThrottledException', $metadata: { httpStatusCode: 429 } }),
    )
    const restored = await newSession(backend).restore()
    expect(texts(restored.messages)).toEqual(['kept'])
  })

  it('leaves no unhandled rejection after a failed prefetch', async () => {
    const backend = new InMemoryAgentCoreMemory()
    backend.failNext('ListEvents', Object.assign(new Error('denied'), { name: 'AccessDeniedException' }))
    const unhandled = vi.fn()
    process.on('unhandledRejection', unhandled)
    try {
      newSession(backend).prefetch()
      await new Promise((resolve) => setTimeout(resolve, 20))
    } finally {
      process.off('unhandledRejection', unhandled)
    }
    expect(unhandled).not.toHaveBeenCalled()
  })

  it('reports skipped events to onError', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const writer = newSession(backend)
    await writer.appendMessage(user('good'), { id: 'g' })
    await backend.send(
      // A blob that claims the native message type but contains no message.
      new (await import('@aws-sdk/client-bedrock-agentcore')).CreateEventCommand({
        memoryId,
        actorId: 'user-1',
        sessionId: 'session-1',
        eventTimestamp: new Date(Date.now() + 10_000),
        payload: [{ blob: JSON.stringify({ type: 'agentcore-session/message', version: 1, id: 'bad' }) }],
      }),
    )
    const onError = vi.fn()
    const restored = await newSession(backend, { onError }).restore()
    expect(texts(restored.messages)).toEqual(['good'])
    expect(restored.skipped).toHaveLength(1)
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'EVENT_SKIPPED' }))
  })
})

describe('MemorySession timestamps', () => {
  it('increase strictly within one millisecond', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const session = newSession(backend, { clock: new ManualClock(1_700_000_000_000).now })
    for (let index = 0; index < 5; index += 1) {
      await session.appendMessage(user(`m${index}`))
    }
    const stamps = backend.events('user-1', 'session-1').map((event) => event.eventTimestamp!.getTime())
    expect(stamps).toEqual([0, 1, 2, 3, 4].map((step) => 1_700_000_000_000 + step))
  })

  it('are seeded from the newest restored event', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const ahead = newSession(backend, { clock: new ManualClock(2_000_000_000_000).now })
    await ahead.appendMessage(user('from a process with a fast clock'), { id: 'first' })
    // A second process whose clock is behind must still write after the first.
    const behind = newSession(backend, { clock: new ManualClock(1_000_000_000_000).now })
    await behind.restore()
    await behind.appendMessage(assistant('reply'), { id: 'second' })
    const restored = await newSession(backend).restore()
    expect(restored.messages.map((entry) => entry.id)).toEqual(['first', 'second'])
    const stamps = backend.events('user-1', 'session-1').map((event) => event.eventTimestamp!.getTime())
    expect(stamps).toEqual([2_000_000_000_000, 2_000_000_000_001])
  })

  it('are seeded without a restore by one small read', async () => {
    const backend = new InMemoryAgentCoreMemory()
    await newSession(backend, { clock: new ManualClock(2_000_000_000_000).now }).appendMessage(user('a'), { id: 'a' })
    const calls = backend.calls().length
    await newSession(backend, { clock: new ManualClock(5).now }).appendMessage(assistant('b'), { id: 'b' })
    const seedCall = backend.calls()[calls]
    expect(seedCall?.operation).toBe('ListEvents')
    expect(seedCall?.input).toMatchObject({ maxResults: 1, includePayloads: false })
    const stamps = backend.events('user-1', 'session-1').map((event) => event.eventTimestamp!.getTime())
    expect(stamps).toEqual([2_000_000_000_000, 2_000_000_000_001])
  })
})

describe('MemorySession client tokens', () => {
  it('are stable for the same message', async () => {
    const first = new InMemoryAgentCoreMemory()
    const second = new InMemoryAgentCoreMemory()
    await newSession(first).appendMessage(user('same'), { id: 'stable-id' })
    await newSession(second).appendMessage(user('same'), { id: 'stable-id' })
    const token = (backend: InMemoryAgentCoreMemory) =>
      (backend.calls().find((call) => call.operation === 'CreateEvent')!.input as { clientToken?: string }).clientToken
    expect(token(first)).toBeDefined()
    expect(token(first)).toBe(token(second))
  })

  it('deduplicate a replayed message', async () => {
    const backend = new InMemoryAgentCoreMemory()
    await newSession(backend).appendMessage(user('once'), { id: 'replayed' })
    // A process that crashed before recording success replays the same write.
    await newSession(backend).appendMessage(user('once'), { id: 'replayed' })
    expect(backend.events('user-1', 'session-1')).toHaveLength(1)
  })

  it('differ between sessions', async () => {
    const backend = new InMemoryAgentCoreMemory()
    await newSession(backend).appendMessage(user('same'), { id: 'id' })
    await newSession(backend, { sessionId: 'session-2' }).appendMessage(user('same'), { id: 'id' })
    expect(backend.events('user-1', 'session-2')).toHaveLength(1)
  })
})

describe('MemorySession agent state', () => {
  it('skips a state equal to the last saved', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const session = newSession(backend)
    expect(await session.saveAgentState({ appState: { a: 1, b: 2 }, modelState: {} })).toBe(true)
    expect(await session.saveAgentState({ modelState: {}, appState: { b: 2, a: 1 } })).toBe(false)
    expect(await session.saveAgentState({ appState: { a: 2 }, modelState: {} })).toBe(true)
    expect(backend.callCounts().CreateEvent).toBe(2)
  })

  it('skips a state equal to the restored one', async () => {
    const backend = new InMemoryAgentCoreMemory()
    await newSession(backend).saveAgentState({ appState: { name: 'Ada' }, modelState: {} })
    const resumed = newSession(backend)
    const restored = await resumed.restore()
    expect(restored.state).toEqual({ appState: { name: 'Ada' }, modelState: {} })
    expect(await resumed.saveAgentState({ appState: { name: 'Ada' }, modelState: {} })).toBe(false)
  })

  it('writes A, B, A as three events', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const session = newSession(backend)
    await session.saveAgentState({ appState: { v: 'A' }, modelState: {} })
    await session.saveAgentState({ appState: { v: 'B' }, modelState: {} })
    await session.saveAgentState({ appState: { v: 'A' }, modelState: {} })
    expect(backend.events('user-1', 'session-1')).toHaveLength(3)
    expect((await newSession(backend).restore()).state?.appState).toEqual({ v: 'A' })
  })

  it('round-trips bytes in state', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const bytes = new Uint8Array([0, 1, 2, 250, 255])
    await newSession(backend).saveAgentState({
      appState: { doc: Buffer.from(bytes).toString('base64') },
      modelState: {},
    })
    const restored = await newSession(backend).restore()
    expect(restored.state?.appState.doc).toBe(Buffer.from(bytes).toString('base64'))
  })

  it('keeps state per agent', async () => {
    const backend = new InMemoryAgentCoreMemory()
    await newSession(backend, { agentId: 'a' }).saveAgentState({ appState: { who: 'a' }, modelState: {} })
    await newSession(backend, { agentId: 'b' }).saveAgentState({ appState: { who: 'b' }, modelState: {} })
    expect((await newSession(backend, { agentId: 'a' }).restore()).state?.appState).toEqual({ who: 'a' })
    expect((await newSession(backend, { agentId: 'b' }).restore()).state?.appState).toEqual({ who: 'b' })
  })
})

describe('MemorySession agent state failures', () => {
  it('writes a state again after its write failed', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const session = newSession(backend)
    await session.restore()
    backend.failNext(
      'CreateEvent',
      Object.assign(new Error('bad'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } }),
    )
    const state = { appState: { step: 1 }, modelState: {} }
    await expect(session.saveAgentState(state)).rejects.toMatchObject({ code: 'WRITE_FAILED' })
    expect(await session.saveAgentState(state)).toBe(true)
    expect((await newSession(backend).restore()).state).toEqual(state)
  })
})

describe('MemorySession replace after a limited restore', () => {
  it('keeps batched neighbours outside the window', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const writer = newSession(backend, { batchSize: 4 })
    await writer.appendMessage(user('q1'), { id: 'u1' })
    await writer.appendMessage(assistant('a1'), { id: 'a1' })
    await writer.appendMessage(user('q2'), { id: 'u2' })
    await writer.appendMessage(assistant('a2'), { id: 'a2' })
    const resumed = newSession(backend, { restoreLimit: 2 })
    const restored = await resumed.restore()
    expect(restored.messages.map((entry) => entry.id)).toEqual(['u2', 'a2'])
    await resumed.replaceMessage('u2', user('[redacted]'))
    expect(texts((await newSession(backend).restore()).messages)).toEqual(['q1', 'a1', '[redacted]', 'a2'])
  })
})
