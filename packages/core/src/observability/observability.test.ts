import diagnosticsChannel from 'node:diagnostics_channel'
import { describe, expect, it } from 'vitest'
import { MemorySession } from '../session/memory-session'
import { InMemoryAgentCoreMemory } from '../testing/in-memory-agentcore-memory'
import { channelNames } from './channels'
import type { Logger } from './logger'

const secret = 'my card number is 4111 1111 1111 1111'

function capturingLogger(lines: unknown[]): Logger {
  const record = (level: string) => (fields: Record<string, unknown>, message?: string) => {
    lines.push({ level, fields, message })
  }
  return { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') }
}

describe('diagnostics channels', () => {
  it('publish start and end of each call', async () => {
    const seen: { channel: string; message: Record<string, unknown> }[] = []
    const listeners = Object.values(channelNames).map((name) => {
      const listener = (message: unknown) => seen.push({ channel: name, message: message as Record<string, unknown> })
      diagnosticsChannel.subscribe(name, listener)
      return { name, listener }
    })
    try {
      const backend = new InMemoryAgentCoreMemory()
      const session = new MemorySession({
        memoryId: 'test_memory-AAAAAAAAAA',
        actorId: 'user-1',
        sessionId: 'channels',
        client: backend,
      })
      await session.restore()
      await session.appendMessage({ role: 'user', content: [{ text: secret }] })
      backend.failNext('CreateEvent', Object.assign(new Error('denied'), { name: 'AccessDeniedException' }))
      await session.appendMessage({ role: 'user', content: [{ text: 'again' }] }).catch(() => {})
    } finally {
      for (const { name, listener } of listeners) {
        diagnosticsChannel.unsubscribe(name, listener)
      }
    }
    const channels = seen.map((entry) => entry.channel)
    expect(channels).toEqual([
      channelNames.readStart,
      channelNames.readEnd,
      channelNames.writeStart,
      channelNames.writeEnd,
      channelNames.writeStart,
      channelNames.writeError,
    ])
    expect(seen[3]?.message).toMatchObject({ operation: 'CreateEvent', sessionId: 'channels', attempt: 1 })
    expect(typeof seen[3]?.message.durationMs).toBe('number')
    expect(JSON.stringify(seen.map((entry) => ({ ...entry.message, error: undefined })))).not.toContain('4111')
  })
})

describe('logger', () => {
  it('never receives message content', async () => {
    const lines: unknown[] = []
    const backend = new InMemoryAgentCoreMemory()
    const session = new MemorySession({
      memoryId: 'test_memory-AAAAAAAAAA',
      actorId: 'user-1',
      sessionId: 'logging',
      client: backend,
      asyncMode: true,
      logger: capturingLogger(lines),
    })
    await session.restore()
    await session.appendMessage({ role: 'user', content: [{ text: '   ' }] })
    backend.failNext('CreateEvent', Object.assign(new Error(secret), { name: 'ValidationException' }))
    await session.appendMessage({ role: 'user', content: [{ text: secret }] })
    await session.close().catch(() => {})
    expect(lines.length).toBeGreaterThan(0)
    expect(JSON.stringify(lines)).not.toContain('4111')
  })
})
