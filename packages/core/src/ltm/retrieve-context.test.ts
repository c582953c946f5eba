import { describe, expect, it } from 'vitest'
import { MemorySession } from '../session/memory-session'
import type { RetrievalConfig } from '../session/session-options'
import { InMemoryAgentCoreMemory } from '../testing/in-memory-agentcore-memory'
import { queryTextOf } from './query-text'

function newSession(
  backend: InMemoryAgentCoreMemory,
  retrievalConfig: Record<string, RetrievalConfig>,
  extra: { contextTag?: string; retrievalTimeoutMs?: number } = {},
) {
  return new MemorySession({
    memoryId: 'test_memory-AAAAAAAAAA',
    actorId: 'user-1',
    sessionId: 'session-1',
    client: backend,
    retrievalConfig,
    ...extra,
  })
}

describe('retrieveContext', () => {
  it('drops records below the relevance score', async () => {
    const backend = new InMemoryAgentCoreMemory()
    for (const score of [0.1, 0.4, 0.6, 0.9]) {
      backend.addRecord({ namespace: '/facts/user-1/', text: `score ${score}`, score })
    }
    backend.addRecord({ namespace: '/facts/user-1/', text: 'no score' })
    const context = await newSession(backend, { '/facts/{actorId}/': { relevanceScore: 0.5 } }).retrieveContext('q')
    expect(context.records.map((record) => record.text)).toEqual(['score 0.9', 'score 0.6'])
    expect(context.text).toBe('<user_context>score 0.9\nscore 0.6</user_context>')
  })

  it('keeps every record with a threshold of 0', async () => {
    const backend = new InMemoryAgentCoreMemory()
    backend.addRecord({ namespace: '/facts/user-1/', text: 'low', score: 0.01 })
    backend.addRecord({ namespace: '/facts/user-1/', text: 'unscored' })
    const context = await newSession(backend, { '/facts/{actorId}/': { relevanceScore: 0 } }).retrieveContext('q')
    expect(context.records.map((record) => record.text)).toEqual(['low', 'unscored'])
  })

  it('orders by namespace then score and removes duplicates', async () => {
    const backend = new InMemoryAgentCoreMemory()
    backend.addRecord({
      namespace: '/prefs/user-1/',
      text: 'likes tea',
      score: 0.5,
      memoryRecordId: 'mem-shared-record-0000000000000000000000',
    })
    backend.addRecord({ namespace: '/prefs/user-1/', text: 'likes jazz', score: 0.8 })
    backend.addRecord({ namespace: '/facts/user-1/', text: 'lives in Oslo', score: 0.3 })
    backend.addRecord({ namespace: '/facts/user-1/', text: 'likes tea', score: 0.99 })
    const context = await newSession(backend, {
      '/prefs/{actorId}/': { relevanceScore: 0 },
      '/facts/{actorId}/': { relevanceScore: 0 },
    }).retrieveContext('q')
    expect(context.records.map((record) => record.text)).toEqual(['likes jazz', 'likes tea', 'lives in Oslo'])
    expect(context.records.map((record) => record.namespace)).toEqual([
      '/prefs/user-1/',
      '/prefs/user-1/',
      '/facts/user-1/',
    ])
  })

  it('queries namespaces in parallel with namespacePath', async () => {
    const backend = new InMemoryAgentCoreMemory()
    backend.setLatency(30)
    const session = newSession(backend, { '/a/{actorId}/': { topK: 3 }, '/b/{sessionId}/': {} })
    await session.retrieveContext('q')
    const inputs = backend.calls().map((call) => call.input)
    expect(inputs).toEqual([
      {
        memoryId: 'test_memory-AAAAAAAAAA',
        namespacePath: '/a/user-1/',
        searchCriteria: { searchQuery: 'q', topK: 3 },
      },
      {
        memoryId: 'test_memory-AAAAAAAAAA',
        namespacePath: '/b/session-1/',
        searchCriteria: { searchQuery: 'q', topK: 10 },
      },
    ])
  })

  it('skips a failing namespace and reports it', async () => {
    const backend = new InMemoryAgentCoreMemory()
    backend.addRecord({ namespace: '/b/user-1/', text: 'kept', score: 0.9 })
    backend.failNext('RetrieveMemoryRecords', Object.assign(new Error('boom'), { name: 'ServiceException' }))
    const context = await newSession(backend, { '/a/{actorId}/': {}, '/b/{actorId}/': {} }).retrieveContext('q')
    expect(context.failures).toHaveLength(1)
    expect(context.failures[0]).toMatchObject({ namespace: '/a/user-1/', error: { code: 'RETRIEVAL_FAILED' } })
    expect(context.records.map((record) => record.text)).toEqual(['kept'])
  })

  it('skips a namespace past the deadline', async () => {
    const backend = new InMemoryAgentCoreMemory()
    backend.addRecord({ namespace: '/a/user-1/', text: 'too late', score: 0.9 })
    backend.setLatency(200)
    const context = await newSession(backend, { '/a/{actorId}/': {} }, { retrievalTimeoutMs: 10 }).retrieveContext('q')
    expect(context.text).toBeUndefined()
    expect(context.failures[0]?.error.message).toMatch(/timed out after 10 ms/)
  })

  it('cuts the query to the service maximum', async () => {
    const backend = new InMemoryAgentCoreMemory()
    await newSession(backend, { '/a/{actorId}/': {} }).retrieveContext(`${'a'.repeat(9_999)}😀tail`)
    const searchQuery = (backend.calls()[0]!.input as { searchCriteria: { searchQuery: string } }).searchCriteria
      .searchQuery
    expect(searchQuery).toBe('a'.repeat(9_999))
  })

  it('makes no call for a query without text', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const context = await newSession(backend, { '/a/{actorId}/': {} }).retrieveContext('   ')
    expect(context).toEqual({ records: [], failures: [] })
    expect(backend.calls()).toHaveLength(0)
  })

  it('wraps records in a custom tag', async () => {
    const backend = new InMemoryAgentCoreMemory()
    backend.addRecord({ namespace: '/a/user-1/', text: 'fact', score: 0.9 })
    const context = await newSession(
      backend,
      { '/a/{actorId}/': {} },
      { contextTag: 'retrieved_memory' },
    ).retrieveContext('q')
    expect(context.text).toBe('<retrieved_memory>fact</retrieved_memory>')
  })

  it('returns no text when nothing is relevant', async () => {
    const context = await newSession(new InMemoryAgentCoreMemory(), { '/a/{actorId}/': {} }).retrieveContext('q')
    expect(context.text).toBeUndefined()
    expect(context.records).toEqual([])
  })
})

describe('queryTextOf', () => {
  it('joins every text block', () => {
    expect(
      queryTextOf({
        role: 'user',
        content: [
          { image: { format: 'png', source: { bytes: new Uint8Array([1]) } } },
          { text: 'what is this?' },
          { text: 'and this' },
        ],
      }),
    ).toBe('what is this?\nand this')
  })

  it('returns empty for content without text', () => {
    expect(queryTextOf({ role: 'user', content: [] })).toBe('')
    expect(
      queryTextOf({
        role: 'user',
        content: [{ toolResult: { toolUseId: 't', status: 'success', content: [{ text: 'x' }] } }],
      }),
    ).toBe('')
    expect(queryTextOf(undefined)).toBe('')
  })
})
