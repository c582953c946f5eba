import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CreateEventCommand, type CreateEventCommandInput, DeleteEventCommand } from '@aws-sdk/client-bedrock-agentcore'
import { describe, expect, it } from 'vitest'
import { BackgroundExecutor } from '../executor/background-executor'
import type { MessageData } from '../message'
import { InMemoryAgentCoreMemory } from '../testing/in-memory-agentcore-memory'
import { MemorySession } from './memory-session'
import type { MemorySessionOptions } from './session-options'

const memoryId = 'test_memory-AAAAAAAAAA'
const actorId = 'user-1'
const sessionId = 'session-1'

function newSession(backend: InMemoryAgentCoreMemory, options: Partial<MemorySessionOptions> = {}) {
  return new MemorySession({ memoryId, actorId, sessionId, client: backend, ...options })
}

function message(index: number): MessageData {
  return { role: index % 2 === 0 ? 'user' : 'assistant', content: [{ text: `m${index}` }] }
}

async function appendMessages(session: MemorySession, from: number, count: number): Promise<void> {
  for (let index = from; index < from + count; index += 1) {
    await session.appendMessage(message(index))
  }
}

function textOf(entry: { message: MessageData }): string {
  return entry.message.content.map((block) => ('text' in block ? block.text : '')).join('')
}

/** Returns the `stateEventId` metadata of each message event written, oldest first. */
function pointers(backend: InMemoryAgentCoreMemory): (string | undefined)[] {
  return backend
    .calls()
    .filter((call) => call.operation === 'CreateEvent')
    .map((call) => call.input as CreateEventCommandInput)
    .filter((input) => input.metadata?.stateType === undefined)
    .map((input) => {
      const value = input.metadata?.stateEventId
      return value !== undefined && 'stringValue' in value ? value.stringValue : undefined
    })
}

function stateEventIds(backend: InMemoryAgentCoreMemory): string[] {
  return backend
    .events(actorId, sessionId)
    .filter((event) => event.metadata?.stateType !== undefined)
    .map((event) => event.eventId!)
}

async function limitedRestore(backend: InMemoryAgentCoreMemory, limit = 40) {
  const before = backend.calls().length
  const restored = await newSession(backend, { restoreLimit: limit }).restore()
  const counts: Record<string, number> = {}
  for (const call of backend.calls().slice(before)) {
    counts[call.operation] = (counts[call.operation] ?? 0) + 1
  }
  return { restored, counts }
}

describe('limited restore', () => {
  it('reads one page when the only state is the oldest event', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const writer = newSession(backend)
    await writer.saveAgentState({ appState: { step: 1 }, modelState: {} })
    await appendMessages(writer, 0, 999)
    const { restored, counts } = await limitedRestore(backend)
    expect(counts).toEqual({ ListEvents: 1, GetEvent: 1 })
    expect(restored.state?.appState).toEqual({ step: 1 })
    expect(textOf(restored.messages.at(-1)!)).toBe('m998')
  })

  it('reads one page when the agent has no state', async () => {
    const backend = new InMemoryAgentCoreMemory()
    await appendMessages(newSession(backend), 0, 1000)
    const { restored, counts } = await limitedRestore(backend)
    expect(counts).toEqual({ ListEvents: 1 })
    expect(restored.state).toBeUndefined()
    expect(restored.messages).toHaveLength(40)
  })

  it('takes the state from the first page', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const writer = newSession(backend)
    await writer.saveAgentState({ appState: { step: 1 }, modelState: {} })
    await appendMessages(writer, 0, 300)
    await writer.saveAgentState({ appState: { step: 2 }, modelState: {} })
    await appendMessages(writer, 300, 10)
    const { restored, counts } = await limitedRestore(backend)
    expect(counts).toEqual({ ListEvents: 1 })
    expect(restored.state?.appState).toEqual({ step: 2 })
  })

  it('follows the newest pointer past older states', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const writer = newSession(backend)
    await writer.saveAgentState({ appState: { step: 1 }, modelState: {} })
    await appendMessages(writer, 0, 50)
    await writer.saveAgentState({ appState: { step: 2 }, modelState: {} })
    await appendMessages(writer, 50, 200)
    const { restored, counts } = await limitedRestore(backend)
    expect(counts).toEqual({ ListEvents: 1, GetEvent: 1 })
    expect(restored.state?.appState).toEqual({ step: 2 })
  })

  it('takes the newest state named in the page', async () => {
    const backend = new InMemoryAgentCoreMemory()
    let offsetMs = 0
    const first = newSession(backend, { clock: () => Date.now() + offsetMs })
    await first.saveAgentState({ appState: { writer: 'first' }, modelState: {} })
    await appendMessages(first, 0, 2)
    const second = newSession(backend)
    await second.restore()
    await second.saveAgentState({ appState: { writer: 'second' }, modelState: {} })
    await appendMessages(second, 2, 150)
    // The first session never saw the second one's state, so its pointers name an older state. Its clock runs
    // ahead, so its events are the newest.
    offsetMs = 60_000
    await appendMessages(first, 152, 20)
    const { restored, counts } = await limitedRestore(backend, 4)
    expect(counts).toEqual({ ListEvents: 1, GetEvent: 1 })
    expect(restored.state?.appState).toEqual({ writer: 'second' })
  })

  it('searches by metadata when the named state was deleted', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const writer = newSession(backend)
    await writer.saveAgentState({ appState: { step: 1 }, modelState: {} })
    await writer.saveAgentState({ appState: { step: 2 }, modelState: {} })
    await appendMessages(writer, 0, 150)
    const newest = stateEventIds(backend).at(-1)!
    await backend.send(new DeleteEventCommand({ memoryId, actorId, sessionId, eventId: newest }))
    const { restored, counts } = await limitedRestore(backend, 4)
    // One page of messages, the failed GetEvent, then two filtered pages to reach the oldest event.
    expect(counts).toEqual({ ListEvents: 3, GetEvent: 1 })
    expect(restored.state?.appState).toEqual({ step: 1 })
  })

  it('searches by metadata when GetEvent is denied', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const writer = newSession(backend)
    await writer.saveAgentState({ appState: { step: 1 }, modelState: {} })
    await appendMessages(writer, 0, 150)
    backend.failNext('GetEvent', Object.assign(new Error('denied'), { name: 'AccessDeniedException' }))
    const { restored, counts } = await limitedRestore(backend, 4)
    expect(counts).toEqual({ ListEvents: 3, GetEvent: 1 })
    expect(restored.state?.appState).toEqual({ step: 1 })
  })

  it('raises READ_FAILED when GetEvent fails', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const writer = newSession(backend)
    await writer.saveAgentState({ appState: { step: 1 }, modelState: {} })
    await appendMessages(writer, 0, 150)
    backend.failNext('GetEvent', Object.assign(new Error('invalid'), { name: 'ValidationException' }))
    await expect(newSession(backend, { restoreLimit: 4 }).restore()).rejects.toMatchObject({ code: 'READ_FAILED' })
  })

  it('searches by metadata for events without a pointer', async () => {
    const backend = new InMemoryAgentCoreMemory()
    await newSession(backend).saveAgentState({ appState: { step: 1 }, modelState: {} })
    for (let index = 0; index < 150; index += 1) {
      // Plain conversational events, as other tools write them.
      await backend.send(
        new CreateEventCommand({
          memoryId,
          actorId,
          sessionId,
          eventTimestamp: new Date(Date.now() + index + 1),
          payload: [{ conversational: { role: 'USER', content: { text: `m${index}` } } }],
        }),
      )
    }
    const { restored, counts } = await limitedRestore(backend, 4)
    expect(counts).toEqual({ ListEvents: 3 })
    expect(restored.state?.appState).toEqual({ step: 1 })
  })

  it('ignores pointers of other agents', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const own = newSession(backend)
    await own.saveAgentState({ appState: { owner: 'own' }, modelState: {} })
    await appendMessages(own, 0, 2)
    const other = newSession(backend, { agentId: 'other' })
    await other.restore()
    await appendMessages(other, 0, 150)
    const { restored, counts } = await limitedRestore(backend, 2)
    expect(restored.state?.appState).toEqual({ owner: 'own' })
    // The first page holds only the other agent's events, so the filtered query runs.
    expect(counts.ListEvents).toBeGreaterThan(1)
    expect(counts.GetEvent).toBeUndefined()
  })
})

describe('stateEventId metadata', () => {
  it('names the newest state written by the session', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const writer = newSession(backend)
    await appendMessages(writer, 0, 1)
    await writer.saveAgentState({ appState: { step: 1 }, modelState: {} })
    await appendMessages(writer, 1, 1)
    const [stateId] = stateEventIds(backend)
    expect(pointers(backend)).toEqual(['none', stateId!.replace('#', '.')])
  })

  it('is left off when the newest event does not tell', async () => {
    const backend = new InMemoryAgentCoreMemory()
    await appendMessages(newSession(backend, { agentId: 'other' }), 0, 1)
    await appendMessages(newSession(backend), 1, 1)
    expect(pointers(backend)).toEqual(['none', undefined])
  })

  it('is taken from the newest event when the session did not restore', async () => {
    const backend = new InMemoryAgentCoreMemory()
    await newSession(backend).saveAgentState({ appState: { step: 1 }, modelState: {} })
    await appendMessages(newSession(backend), 0, 1)
    await appendMessages(newSession(backend), 1, 1)
    const pointer = stateEventIds(backend)[0]!.replace('#', '.')
    expect(pointers(backend)).toEqual([pointer, pointer])
  })

  it('is seeded by the restore', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const writer = newSession(backend, { agentId: 'other' })
    await appendMessages(writer, 0, 1)
    const session = newSession(backend)
    await session.restore()
    await appendMessages(session, 1, 1)
    expect(pointers(backend)).toEqual(['none', 'none'])
  })

  it('is carried by a replacement', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const session = newSession(backend)
    await session.restore()
    const { id } = await session.appendMessage(message(0))
    await session.saveAgentState({ appState: { step: 1 }, modelState: {} })
    await session.replaceMessage(id, { role: 'user', content: [{ text: 'redacted' }] })
    const pointer = stateEventIds(backend)[0]!.replace('#', '.')
    expect(pointers(backend)).toEqual(['none', pointer])
  })

  it('is left off events journaled while a state write is in flight', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'state-pointer-'))
    try {
      const backend = new InMemoryAgentCoreMemory()
      const executor = new BackgroundExecutor({ outboxDir: dir, outboxClient: backend })
      const session = newSession(backend, { executor })
      await session.restore()
      backend.setLatency(20)
      await session.saveAgentState({ appState: { step: 1 }, modelState: {} })
      await appendMessages(session, 0, 1)
      await session.flush()
      await appendMessages(session, 1, 1)
      await session.close()
      await executor.close()
      const pointer = stateEventIds(backend)[0]!.replace('#', '.')
      expect(pointers(backend)).toEqual([undefined, pointer])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
