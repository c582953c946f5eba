import { type Emulator, startEmulator } from '@agentcore-session/emulator'
import { BedrockAgentCoreClient, CreateEventCommand, ListEventsCommand } from '@aws-sdk/client-bedrock-agentcore'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { BackgroundExecutor, MemorySession, type MemorySessionOptions, type MessageData } from '../src/index'

const memoryId = 'test_memory-AAAAAAAAAA'
const missingMemoryId = 'missing_memory-BBBBBBBBBB'

let emulator: Emulator
let client: BedrockAgentCoreClient

beforeAll(async () => {
  emulator = await startEmulator({
    seed: 7,
    extractionDelayMs: 0,
    memories: [{ id: memoryId, strategies: [{ type: 'semantic', namespace: '/facts/{actorId}/' }] }],
  })
  client = new BedrockAgentCoreClient({ ...emulator.clientConfig(), maxAttempts: 1 })
})

afterAll(async () => {
  client?.destroy()
  await emulator?.close()
})

beforeEach(async () => {
  emulator.setFaults({})
  emulator.setLatency({})
  await emulator.reset()
  emulator.clearRequestLog()
})

function newSession(options: Partial<MemorySessionOptions> = {}) {
  return new MemorySession({ memoryId, actorId: 'user-1', sessionId: 'session-1', client, ...options })
}

function user(text: string): MessageData {
  return { role: 'user', content: [{ text }] }
}

function assistant(text: string): MessageData {
  return { role: 'assistant', content: [{ text }] }
}

function textOf(message: MessageData): string {
  return message.content.map((block) => ('text' in block ? block.text : '')).join('')
}

describe('MemorySession against the emulator', () => {
  it('round-trips every content block and bytes', async () => {
    const png = new Uint8Array([137, 80, 78, 71, 0, 255, 1, 2])
    const messages: MessageData[] = [
      user('Look at this'),
      {
        role: 'assistant',
        content: [
          { reasoning: { text: 'thinking', signature: 'sig' } },
          { text: '' },
          { toolUse: { name: 'render', toolUseId: 'tool-1', input: { size: 3 } } },
        ],
      },
      {
        role: 'user',
        content: [
          { text: '' },
          {
            toolResult: {
              toolUseId: 'tool-1',
              status: 'success',
              content: [{ text: 'ok' }, { image: { format: 'png', source: { bytes: png } } }],
            },
          },
        ],
      },
      { role: 'assistant', content: [{ text: 'Done' }, { cachePoint: { cacheType: 'default' } }] },
    ]
    const writer = newSession()
    for (const message of messages) {
      await writer.appendMessage(message)
    }

    const restored = await newSession().restore()
    expect(restored.messages).toHaveLength(4)
    expect(restored.messages[1]?.message.content).toEqual([
      { reasoning: { text: 'thinking', signature: 'sig' } },
      { toolUse: { name: 'render', toolUseId: 'tool-1', input: { size: 3 } } },
    ])
    const result = restored.messages[2]?.message.content[0]
    expect(result).toMatchObject({ toolResult: { toolUseId: 'tool-1' } })
    const image = (result as { toolResult: { content: { image?: { source: { bytes: Uint8Array } } }[] } }).toolResult
      .content[1]?.image
    expect(image?.source.bytes).toBeInstanceOf(Uint8Array)
    expect([...(image?.source.bytes ?? [])]).toEqual([...png])
    expect(restored.messages[3]?.message).toEqual(messages[3])
  })

  it('restores 250 events in 3 pages', async () => {
    const writer = newSession({ batchSize: 1 })
    for (let index = 0; index < 250; index += 1) {
      await writer.appendMessage(index % 2 === 0 ? user(`m${index}`) : assistant(`m${index}`))
    }
    emulator.clearRequestLog()
    const restored = await newSession().restore()
    expect(restored.messages.map((entry) => textOf(entry.message))).toEqual(
      Array.from({ length: 250 }, (_, index) => `m${index}`),
    )
    expect(emulator.requestCounts().ListEvents).toBe(3)
  })

  it('limited restore finds the oldest state in one ListEvents', async () => {
    const writer = newSession()
    await writer.saveAgentState({ appState: { step: 1 }, modelState: {} })
    for (let index = 0; index < 999; index += 1) {
      await writer.appendMessage(index % 2 === 0 ? user(`m${index}`) : assistant(`m${index}`))
    }
    emulator.clearRequestLog()
    const restored = await newSession({ restoreLimit: 40 }).restore()
    // The newest 40 messages start with an assistant message, which the history drops.
    expect(restored.messages).toHaveLength(39)
    expect(textOf(restored.messages[0]!.message)).toBe('m960')
    expect(textOf(restored.messages[38]!.message)).toBe('m998')
    expect(restored.state?.appState).toEqual({ step: 1 })
    expect(emulator.requestCounts().ListEvents).toBe(1)
    expect(emulator.requestCounts().GetEvent).toBe(1)
  })

  it('limited restore without state in one ListEvents', async () => {
    const writer = newSession()
    for (let index = 0; index < 1000; index += 1) {
      await writer.appendMessage(index % 2 === 0 ? user(`m${index}`) : assistant(`m${index}`))
    }
    emulator.clearRequestLog()
    const restored = await newSession({ restoreLimit: 40 }).restore()
    expect(restored.messages).toHaveLength(40)
    expect(restored.state).toBeUndefined()
    expect(emulator.requestCounts().ListEvents).toBe(1)
    expect(emulator.requestCounts().GetEvent).toBeUndefined()
  })

  it('persists every write once under faults in async mode', async () => {
    emulator.setFaults({ throttleRate: 0.2, serviceErrorRate: 0.15, conflictRate: 0.1, operations: ['CreateEvent'] })
    const executor = new BackgroundExecutor({
      retryBaseDelayMs: 1,
      throttlingBaseDelayMs: 1,
      maxRetryDelayMs: 5,
      maxAttempts: 50,
    })
    const session = newSession({ executor })
    await session.restore()
    for (let index = 0; index < 40; index += 1) {
      await session.appendMessage(index % 2 === 0 ? user(`m${index}`) : assistant(`m${index}`))
    }
    await session.close()
    await executor.close()
    emulator.setFaults({})
    const restored = await newSession().restore()
    expect(restored.messages.map((entry) => textOf(entry.message))).toEqual(
      Array.from({ length: 40 }, (_, index) => `m${index}`),
    )
    expect(executor.stats().retried).toBeGreaterThan(0)
    expect(executor.stats().failed).toBe(0)
  })

  it('does not duplicate after dropped connections', async () => {
    emulator.setFaults({ dropConnectionRate: 0.3, operations: ['CreateEvent'] })
    const executor = new BackgroundExecutor({ retryBaseDelayMs: 1, maxRetryDelayMs: 5, maxAttempts: 50 })
    const session = newSession({ executor })
    await session.restore()
    for (let index = 0; index < 20; index += 1) {
      await session.appendMessage(index % 2 === 0 ? user(`m${index}`) : assistant(`m${index}`))
    }
    await session.flush()
    await executor.close()
    emulator.setFaults({})
    const restored = await newSession().restore()
    expect(restored.messages).toHaveLength(20)
    expect(new Set(restored.messages.map((entry) => entry.id)).size).toBe(20)
  })

  it('resolves appends in async mode before the write lands', async () => {
    emulator.setLatency({ perOperation: { CreateEvent: { fixedMs: 50 } } })
    const session = newSession({ asyncMode: true })
    await session.restore()
    await session.appendMessage(user('quick'))
    expect(session.pendingWrites()).toBe(1)
    await session.flush()
    expect(session.pendingWrites()).toBe(0)
    expect(emulator.requestCounts().CreateEvent).toBe(1)
  })

  it('replaces a message through DeleteEvent', async () => {
    const session = newSession()
    const { id } = await session.appendMessage(user('my password is hunter2'))
    await session.appendMessage(assistant('noted'))
    await session.replaceMessage(id, user('[redacted]'))
    const restored = await newSession().restore()
    expect(restored.messages.map((entry) => textOf(entry.message))).toEqual(['[redacted]', 'noted'])
    expect(emulator.requestCounts().DeleteEvent).toBe(1)
  })

  it('stores default metadata that filters find', async () => {
    const session = newSession({ defaultMetadata: { location: 'NYC' } })
    await session.appendMessage(user('hello'))
    const found = await client.send(
      new ListEventsCommand({
        memoryId,
        actorId: 'user-1',
        sessionId: 'session-1',
        filter: {
          eventMetadata: [
            {
              left: { metadataKey: 'location' },
              operator: 'EQUALS_TO',
              right: { metadataValue: { stringValue: 'NYC' } },
            },
          ],
        },
      }),
    )
    expect(found.events).toHaveLength(1)
    expect(found.events?.[0]?.metadata?.agentId).toEqual({ stringValue: 'default' })
  })

  it('writes nothing with persistenceMode NONE', async () => {
    const session = newSession({ persistenceMode: 'NONE', batchSize: 2 })
    await session.restore()
    await session.appendMessage(user('a'))
    await session.appendMessage(assistant('b'))
    await session.saveAgentState({ appState: { x: 1 }, modelState: {} })
    await session.close()
    expect(emulator.requestCounts().CreateEvent).toBeUndefined()
    expect(emulator.requestCounts().ListEvents).toBe(1)
  })

  it('shares a session with the Python layout', async () => {
    const python = newSession({ storageFormat: 'python' })
    await python.appendMessage(user('from python layout'))
    await python.appendMessage(assistant('reply'))
    await python.saveAgentState({ appState: { lang: 'py' }, modelState: {} })
    const restored = await newSession().restore()
    expect(restored.messages.map((entry) => textOf(entry.message))).toEqual(['from python layout', 'reply'])
    expect(restored.state?.appState).toEqual({ lang: 'py' })
  })

  it('raises READ_FAILED for an unknown memory', async () => {
    const session = newSession({ memoryId: missingMemoryId })
    await expect(session.restore()).rejects.toMatchObject({ code: 'READ_FAILED' })
    await expect(session.appendMessage(user('x'))).rejects.toMatchObject({ code: 'WRITE_FAILED' })
  })

  it('retrieves extracted long-term memory', async () => {
    const session = newSession({ retrievalConfig: { '/facts/{actorId}/': { relevanceScore: 0 } } })
    await session.appendMessage(user('My name is Ada. I live in Oslo.'))
    await session.appendMessage(assistant('Nice to meet you, Ada.'))
    await emulator.waitForExtraction()
    const context = await session.retrieveContext('Where do I live?')
    expect(context.failures).toEqual([])
    expect(context.text).toMatch(/^<user_context>[\s\S]*Oslo[\s\S]*<\/user_context>$/)
  })

  it('replaces a message too large for a conversational item', async () => {
    const session = newSession()
    const long = `${'secret '.repeat(20_000)}end`
    const { id } = await session.appendMessage(user(long))
    await session.replaceMessage(id, user('[redacted]'))
    const restored = await newSession().restore()
    expect(restored.messages.map((entry) => textOf(entry.message))).toEqual(['[redacted]'])
  })

  it('sends every call under the configured actor', async () => {
    const session = newSession({ restoreLimit: 5, asyncMode: true })
    await session.restore()
    await session.appendMessage(user('a'))
    await session.saveAgentState({ appState: { a: 1 }, modelState: {} })
    await session.close()
    const actors = new Set(emulator.requestLog().map((entry) => entry.actorId))
    expect([...actors]).toEqual(['user-1'])
  })

  it('shares one executor across sessions', async () => {
    emulator.setLatency({ perOperation: { CreateEvent: { fixedMs: 5 } } })
    const executor = new BackgroundExecutor({ maxConcurrentSessions: 2 })
    const sessions = Array.from({ length: 6 }, (_, index) => newSession({ executor, sessionId: `shared-${index}` }))
    for (let turn = 0; turn < 4; turn += 1) {
      for (const session of sessions) {
        await session.appendMessage(
          turn % 2 === 0 ? user(`${session.sessionId} m${turn}`) : assistant(`${session.sessionId} m${turn}`),
        )
      }
    }
    await executor.flush()
    for (const session of sessions) {
      const restored = await newSession({ sessionId: session.sessionId }).restore()
      expect(restored.messages.map((entry) => textOf(entry.message))).toEqual(
        [0, 1, 2, 3].map((turn) => `${session.sessionId} m${turn}`),
      )
    }
    expect(executor.stats()).toMatchObject({ written: 24, failed: 0, queued: 0, inFlight: 0 })
  })

  it('keeps a message appended during a flush', async () => {
    emulator.setLatency({ perOperation: { CreateEvent: { fixedMs: 20 } } })
    const session = newSession({ batchSize: 5 })
    await session.restore()
    await session.appendMessage(user('one'))
    await session.appendMessage(assistant('two'))
    const flushing = session.flush()
    await session.appendMessage(user('three'))
    await flushing
    await session.flush()
    const restored = await newSession().restore()
    expect(restored.messages.map((entry) => textOf(entry.message))).toEqual(['one', 'two', 'three'])
  })

  it('falls back to the state query for events without a pointer', async () => {
    const writer = newSession()
    await writer.saveAgentState({ appState: { step: 1 }, modelState: {} })
    // Plain conversational events, as other tools write them, carry no stateEventId.
    for (let index = 0; index < 150; index += 1) {
      await client.send(
        new CreateEventCommand({
          memoryId,
          actorId: 'user-1',
          sessionId: 'session-1',
          eventTimestamp: new Date(Date.now() + index + 1),
          payload: [
            { conversational: { role: index % 2 === 0 ? 'USER' : 'ASSISTANT', content: { text: `m${index}` } } },
          ],
        }),
      )
    }
    emulator.clearRequestLog()
    const restored = await newSession({ restoreLimit: 4 }).restore()
    expect(restored.messages.map((entry) => textOf(entry.message))).toEqual(['m146', 'm147', 'm148', 'm149'])
    expect(restored.state?.appState).toEqual({ step: 1 })
    // One page for the messages, then two filtered pages to reach the state, which is the oldest event.
    expect(emulator.requestCounts().ListEvents).toBe(3)
  })
})
