import { type Emulator, startEmulator } from '@agentcore-session/emulator'
import { BatchCreateMemoryRecordsCommand, BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InvalidOptionError, MemorySession, type MemorySessionOptions } from '../src/index'

// A crafted actorId or sessionId must never resolve a namespace template to another actor's path. Each attempt below
// is rejected when the session is constructed, before any call.

const memoryId = 'steering_memory-AAAAAAAAAA'

let emulator: Emulator
let client: BedrockAgentCoreClient

beforeAll(async () => {
  // `prefix` makes the emulator match the `namespace` field as a plain string prefix. The session queries with
  // `namespacePath`, which matches whole segments, so it must not depend on this setting.
  emulator = await startEmulator({ memories: [{ id: memoryId }], namespaceMatch: 'prefix' })
  client = new BedrockAgentCoreClient(emulator.clientConfig({ maxAttempts: 1 }))
})

afterAll(async () => {
  client?.destroy()
  await emulator?.close()
})

function sessionOptions(overrides: Partial<MemorySessionOptions>): MemorySessionOptions {
  return {
    memoryId,
    actorId: 'ana',
    sessionId: 'session-1',
    client,
    retrievalConfig: { '/facts/{actorId}/': {}, '/sessions/{sessionId}/': {} },
    ...overrides,
  }
}

function constructionError(overrides: Partial<MemorySessionOptions>): unknown {
  try {
    new MemorySession(sessionOptions(overrides))
  } catch (error) {
    return error
  }
  return undefined
}

const craftedActorIds = [
  'ana/../bob',
  '../bob',
  'ana/',
  '/ana',
  'ana//bob',
  'bob/ana',
  'ana%2Fbob',
  'ana%2fbob',
  'ana{sessionId}',
  '{actorId}',
  'ana}',
  '{',
  'аna', // Cyrillic 'а'
  'ana\u2215bob', // division slash
  'ana\uFF0Fbob', // fullwidth solidus
  'ana\u2044bob', // fraction slash
  'ana\\bob',
  'ana.bob',
  '..',
  '.',
  'ana*',
  '*',
  'ana bob',
  'ana\nbob',
  'ana\u0000',
  'ana\u200B', // zero-width space
  ':ana',
  'ana:',
  '',
  'a'.repeat(256),
]

const craftedSessionIds = [
  '../other',
  'session/other',
  'session/',
  'session%2Fother',
  'session{actorId}',
  '{sessionId}',
  'sеssion', // Cyrillic 'е'
  'session\uFF0Fother',
  'session:other',
  'session.other',
  'session*',
  '',
  's'.repeat(101),
]

describe('namespace steering', () => {
  for (const actorId of craftedActorIds) {
    it(`rejects actorId ${JSON.stringify(actorId.length > 40 ? `${actorId.slice(0, 8)}…` : actorId)}`, () => {
      const error = constructionError({ actorId })

      expect(InvalidOptionError.isInstance(error)).toBe(true)
      expect((error as InvalidOptionError).option).toBe('actorId')
    })
  }

  for (const sessionId of craftedSessionIds) {
    it(`rejects sessionId ${JSON.stringify(sessionId.length > 40 ? `${sessionId.slice(0, 8)}…` : sessionId)}`, () => {
      const error = constructionError({ sessionId })

      expect(InvalidOptionError.isInstance(error)).toBe(true)
      expect((error as InvalidOptionError).option).toBe('sessionId')
    })
  }

  it('accepts a slash only when explicitly allowed', () => {
    expect(constructionError({ actorId: 'tenant/ana', allowUnsafeNamespaceIds: true })).toBeUndefined()
    expect(constructionError({ actorId: 'tenant/ana' })).toBeDefined()
  })

  it('rejects placeholders other than the three known', () => {
    for (const template of ['/facts/{actorid}/', '/facts/{ actorId }/', '/facts/{actorId', '/facts/{{actorId}}/']) {
      const error = constructionError({ retrievalConfig: { [template]: {} } })

      expect(InvalidOptionError.isInstance(error)).toBe(true)
    }
  })

  it('keeps actor ana out of the records of ana2', async () => {
    const timestamp = new Date(1_735_787_045_000)
    const record = (requestIdentifier: string, namespace: string, text: string) => ({
      requestIdentifier,
      namespaces: [namespace],
      content: { text },
      timestamp,
    })
    await client.send(
      new BatchCreateMemoryRecordsCommand({
        memoryId,
        records: [
          record('own', '/facts/ana', 'ana likes green tea'),
          record('neighbour', '/facts/ana2', 'ana2 likes green tea with a secret'),
          record('nested', '/facts/ana2/private', 'ana2 keeps green tea in a secret drawer'),
          record('sibling', '/facts/anabel/', 'anabel likes green tea too'),
        ],
      }),
    )
    // No trailing slash in the template, so a plain string-prefix match on `/facts/ana` would include `/facts/ana2`.
    const session = new MemorySession(
      sessionOptions({ retrievalConfig: { '/facts/{actorId}': { relevanceScore: 0, topK: 100 } } }),
    )

    const context = await session.retrieveContext('green tea')

    expect(context.failures).toEqual([])
    expect(context.records.map((item) => item.text)).toEqual(['ana likes green tea'])
    await session.close()
  })
})
