import { describe, expect, it, vi } from 'vitest'
import { AgentCoreSessionError } from '../errors/agentcore-session-error'
import { BackgroundExecutor } from '../executor/background-executor'
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
