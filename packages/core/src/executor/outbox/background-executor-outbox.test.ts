import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Emulator, startEmulator } from '@agentcore-session/emulator'
import { BedrockAgentCoreClient, ListEventsCommand } from '@aws-sdk/client-bedrock-agentcore'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { MessageData } from '../../message'
import type { MemoryClient } from '../../session/memory-client'
import { MemorySession } from '../../session/memory-session'
import { BackgroundExecutor } from '../background-executor'
import { journalFileName } from './outbox-journal'
import { decodeRecord } from './outbox-record'

// A crash is modelled by abandoning an executor whose calls never return, then starting a new one on the same
// directory. The emulator runs over HTTP with the real AWS SDK client, so replays go through its idempotency check.

let emulator: Emulator
let client: BedrockAgentCoreClient
let memoryId: string
let dir: string
let sessionCount = 0

beforeAll(async () => {
  emulator = await startEmulator()
  client = new BedrockAgentCoreClient(emulator.clientConfig({ maxAttempts: 1 }))
  memoryId = await emulator.createMemory({ name: 'outbox' })
})

afterAll(async () => {
  client?.destroy()
  await emulator?.close()
})

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outbox-executor-'))
  sessionCount += 1
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function text(value: string): MessageData {
  return { role: 'user', content: [{ text: value }] }
}

/** Builds a client whose CreateEvent calls hang forever, optionally after reaching the emulator. */
function crashingClient(reachService: boolean): MemoryClient {
  return {
    send: (async (command: { constructor: { name: string } }) => {
      if (command.constructor.name !== 'CreateEventCommand') {
        return client.send(command as never)
      }
      if (reachService) {
        await client.send(command as never)
      }
      return new Promise(() => {})
    }) as MemoryClient['send'],
  }
}

async function storedTexts(sessionId: string): Promise<string[]> {
  const output = await client.send(
    new ListEventsCommand({ memoryId, actorId: 'user-1', sessionId, includePayloads: true, maxResults: 100 }),
  )
  // ListEvents returns the newest event first.
  return (output.events ?? [])
    .reverse()
    .flatMap((event) => event.payload ?? [])
    .flatMap((item) => (item.conversational?.content?.text === undefined ? [] : [item.conversational.content.text]))
}

async function writeAndCrash(sessionId: string, texts: string[], reachService: boolean): Promise<void> {
  const crashing = crashingClient(reachService)
  const executor = new BackgroundExecutor({ outboxDir: dir, outboxClient: crashing })
  const session = new MemorySession({ memoryId, actorId: 'user-1', sessionId, client: crashing, executor })
  for (const value of texts) {
    await session.appendMessage(text(value))
  }
  // The process "dies" here: nothing is flushed or closed.
}

describe('BackgroundExecutor outbox', () => {
  it('resends unsent writes after a crash', async () => {
    const sessionId = `outbox-unsent-${sessionCount}`
    await writeAndCrash(sessionId, ['one', 'two', 'three'], false)
    expect(await storedTexts(sessionId)).toEqual([])

    const executor = new BackgroundExecutor({ outboxDir: dir, outboxClient: client })
    expect(await executor.recovery()).toBe(3)
    await executor.flush()
    expect(await storedTexts(sessionId)).toEqual(['one', 'two', 'three'])
    expect(executor.stats().written).toBe(3)
    await executor.close()
  })

  it('stores writes that reached the service once', async () => {
    const sessionId = `outbox-sent-${sessionCount}`
    await writeAndCrash(sessionId, ['one', 'two'], true)
    await expect.poll(() => storedTexts(sessionId)).toEqual(['one'])

    const executor = new BackgroundExecutor({ outboxDir: dir, outboxClient: client })
    expect(await executor.recovery()).toBe(2)
    await executor.flush()
    expect(await storedTexts(sessionId)).toEqual(['one', 'two'])
    await executor.close()
  })

  it('orders new writes after replayed ones', async () => {
    const sessionId = `outbox-order-${sessionCount}`
    await writeAndCrash(sessionId, ['old-1', 'old-2'], false)

    const executor = new BackgroundExecutor({ outboxDir: dir, outboxClient: client })
    const session = new MemorySession({ memoryId, actorId: 'user-1', sessionId, client, executor })
    await session.appendMessage(text('new-1'))
    await session.flush()
    expect(await storedTexts(sessionId)).toEqual(['old-1', 'old-2', 'new-1'])
    await executor.close()
  })

  it('orders new writes after replayed ones despite a slow clock', async () => {
    const sessionId = `outbox-skew-${sessionCount}`
    await writeAndCrash(sessionId, ['old-1', 'old-2'], false)

    const executor = new BackgroundExecutor({ outboxDir: dir, outboxClient: client })
    // An hour behind the crashed process: without the floor from the journal, new-1 would sort first.
    const slowClock = () => Date.now() - 3_600_000
    const session = new MemorySession({ memoryId, actorId: 'user-1', sessionId, client, executor, clock: slowClock })
    await session.appendMessage(text('new-1'))
    await session.flush()
    expect(await storedTexts(sessionId)).toEqual(['old-1', 'old-2', 'new-1'])
    await executor.close()
  })

  it('leaves no unsettled write after a clean close', async () => {
    const sessionId = `outbox-clean-${sessionCount}`
    const executor = new BackgroundExecutor({ outboxDir: dir, outboxClient: client })
    const session = new MemorySession({ memoryId, actorId: 'user-1', sessionId, client, executor })
    for (const value of ['a', 'b', 'c']) {
      await session.appendMessage(text(value))
    }
    await session.close()
    await executor.close()
    const lines = (await readFile(join(dir, journalFileName), 'utf8')).trim().split('\n')
    const records = lines.map((line) => decodeRecord(line))
    expect(records.filter((record) => record?.op === 'write')).toHaveLength(3)
    expect(records.filter((record) => record?.op === 'done')).toHaveLength(3)

    const next = new BackgroundExecutor({ outboxDir: dir, outboxClient: client })
    expect(await next.recovery()).toBe(0)
    await next.close()
    expect(await storedTexts(sessionId)).toEqual(['a', 'b', 'c'])
  })

  it('rejects a write larger than maxOutboxBytes', async () => {
    const executor = new BackgroundExecutor({ outboxDir: dir, outboxClient: client, maxOutboxBytes: 2_000 })
    const sessionId = `outbox-large-${sessionCount}`
    const session = new MemorySession({ memoryId, actorId: 'user-1', sessionId, client, executor })
    await session.appendMessage(text('small'))
    await expect(session.appendMessage(text('x'.repeat(4_000)))).rejects.toMatchObject({
      code: 'OUTBOX_RECORD_TOO_LARGE',
    })
    await executor.flush()
    expect(await storedTexts(sessionId)).toEqual(['small'])
    await executor.close()
  })

  it('rejects writes when the directory is unusable', async () => {
    const file = join(dir, 'not-a-directory')
    await writeFile(file, 'x')
    const executor = new BackgroundExecutor({ outboxDir: file, outboxClient: client })
    await expect(executor.recovery()).rejects.toMatchObject({ code: 'OUTBOX_FAILED' })
    const session = new MemorySession({ memoryId, actorId: 'user-1', sessionId: 'outbox-unusable', client, executor })
    await expect(session.appendMessage(text('lost?'))).rejects.toMatchObject({ code: 'OUTBOX_FAILED' })
  })

  it('requires a client with outboxDir', () => {
    expect(() => new BackgroundExecutor({ outboxDir: dir })).toThrow(/outboxClient/)
  })
})
