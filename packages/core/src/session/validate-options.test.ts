import { describe, expect, it } from 'vitest'
import { InMemoryAgentCoreMemory } from '../testing/in-memory-agentcore-memory'
import { resolveClient, resolveRegion } from './create-client'
import type { MemorySessionOptions } from './session-options'
import { validateOptions } from './validate-options'

const base: MemorySessionOptions = { memoryId: 'test_memory-AAAAAAAAAA', actorId: 'user-1', sessionId: 'session-1' }

function invalidOption(options: Partial<MemorySessionOptions> | Record<string, unknown>): string | undefined {
  try {
    validateOptions({ ...base, ...options } as MemorySessionOptions)
    return undefined
  } catch (error) {
    expect(error).toMatchObject({ code: 'INVALID_OPTION' })
    return (error as { option: string }).option
  }
}

describe('validateOptions identifiers', () => {
  it('accepts valid ids and applies defaults', () => {
    const resolved = validateOptions(base)
    expect(resolved.agentId).toBe('default')
    expect(resolved.batchSize).toBe(1)
    expect(resolved.contextTag).toBe('user_context')
    expect(resolved.persistenceMode).toBe('FULL')
    expect(resolved.storageFormat).toBe('native')
  })

  it.each([
    ['memoryId', ''],
    ['memoryId', 'no-suffix'],
    ['actorId', ''],
    ['actorId', '-starts-with-dash'],
    ['actorId', 'has space'],
    ['sessionId', ''],
    ['sessionId', 'a/b'],
    ['sessionId', 'x'.repeat(101)],
    ['agentId', 'has{brace}'],
  ])('rejects %s %j', (option, value) => {
    expect(invalidOption({ [option]: value })).toBe(option)
  })

  it('accepts a memory ARN and an actor id with a colon', () => {
    const resolved = validateOptions({
      ...base,
      memoryId: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:memory/test_memory-AAAAAAAAAA',
      actorId: 'tenant:user-1',
    })
    expect(resolved.actorId).toBe('tenant:user-1')
  })
})

describe('validateOptions numbers and enums', () => {
  it.each([
    [{ batchSize: 0 }, 'batchSize'],
    [{ batchSize: -1 }, 'batchSize'],
    [{ batchSize: 101 }, 'batchSize'],
    [{ batchSize: 1.5 }, 'batchSize'],
    [{ flushIntervalMs: 0 }, 'flushIntervalMs'],
    [{ retrievalTimeoutMs: -5 }, 'retrievalTimeoutMs'],
    [{ restoreLimit: 0 }, 'restoreLimit'],
    [{ contextTag: 'has space' }, 'contextTag'],
    [{ contextTag: '' }, 'contextTag'],
    [{ persistenceMode: 'READ_ONLY' }, 'persistenceMode'],
    [{ storageFormat: 'openai' }, 'storageFormat'],
    [{ asyncMode: 'yes' }, 'asyncMode'],
  ])('rejects %j', (options, option) => {
    expect(invalidOption(options)).toBe(option)
  })

  it('accepts batchSize 100 and persistenceMode NONE', () => {
    const resolved = validateOptions({ ...base, batchSize: 100, persistenceMode: 'NONE' })
    expect(resolved.batchSize).toBe(100)
    expect(resolved.persistenceMode).toBe('NONE')
  })
})

describe('validateOptions metadata', () => {
  it('normalizes plain strings', () => {
    const resolved = validateOptions({ ...base, defaultMetadata: { a: 'x', b: { stringValue: 'y' } } })
    expect(resolved.defaultMetadata).toEqual({ a: { stringValue: 'x' }, b: { stringValue: 'y' } })
  })

  it.each(['stateType', 'agentId', 'stateEventId'])('rejects the reserved key %s', (key) => {
    expect(invalidOption({ defaultMetadata: { [key]: 'x' } })).toBe('defaultMetadata')
  })

  it('rejects more than 13 user keys', () => {
    const keys = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`k${index}`, 'v']))
    expect(invalidOption({ defaultMetadata: keys(13) })).toBeUndefined()
    expect(invalidOption({ defaultMetadata: keys(14) })).toBe('defaultMetadata')
  })

  it('rejects characters outside the service set', () => {
    expect(invalidOption({ defaultMetadata: { json: '{"a":1}' } })).toBe('defaultMetadata')
    expect(invalidOption({ defaultMetadata: { 'bad,key': 'v' } })).toBe('defaultMetadata')
    expect(invalidOption({ defaultMetadata: { long: 'v'.repeat(257) } })).toBe('defaultMetadata')
  })
})

describe('validateOptions retrievalConfig', () => {
  it('resolves the three placeholders', () => {
    const resolved = validateOptions({
      ...base,
      retrievalConfig: {
        '/strategies/{memoryStrategyId}/actors/{actorId}/sessions/{sessionId}/': { strategyId: 'summary-ABCDEFGHIJ' },
      },
    })
    expect(resolved.namespaces[0]).toEqual({
      template: '/strategies/{memoryStrategyId}/actors/{actorId}/sessions/{sessionId}/',
      namespace: '/strategies/summary-ABCDEFGHIJ/actors/user-1/sessions/session-1/',
      topK: 10,
      relevanceScore: 0.2,
    })
  })

  it.each([
    ['/facts/{userId}/', {}],
    ['/facts/{actorId', {}],
    ['/facts/actorId}/', {}],
    ['/facts/{memoryStrategyId}/', {}],
    ['/facts/{actorId}/', { topK: 0 }],
    ['/facts/{actorId}/', { topK: 101 }],
    ['/facts/{actorId}/', { relevanceScore: 1.5 }],
    ['/facts/{actorId}/', { relevanceScore: -0.1 }],
    ['/facts with space/', {}],
  ])('rejects %s with %j', (template, config) => {
    expect(invalidOption({ retrievalConfig: { [template]: config } })).toMatch(/^retrievalConfig/)
  })

  it('rejects an actorId with a slash in a namespace', () => {
    expect(invalidOption({ actorId: 'alice/x', retrievalConfig: { '/facts/{actorId}/': {} } })).toBe('actorId')
  })

  it('accepts an actorId with a slash when opted in', () => {
    const resolved = validateOptions({
      ...base,
      actorId: 'alice/x',
      allowUnsafeNamespaceIds: true,
      retrievalConfig: { '/facts/{actorId}/': {} },
    })
    expect(resolved.namespaces[0]?.namespace).toBe('/facts/alice/x/')
  })

  it('rejects an unknown option with a suggestion', () => {
    expect(() => validateOptions({ ...base, asyncmode: true } as never)).toThrow(
      'Unknown option asyncmode. Did you mean asyncMode?',
    )
    expect(invalidOption({ batchsize: 5 } as never)).toBe('batchsize')
  })

  it('rejects a Python spelling in a retrieval config', () => {
    expect(() => validateOptions({ ...base, retrievalConfig: { '/facts/{actorId}/': { top_k: 5 } } } as never)).toThrow(
      "Unknown option retrievalConfig['/facts/{actorId}/'].top_k. Did you mean topK?",
    )
  })

  it('rejects a logger without log methods', () => {
    expect(invalidOption({ logger: 'x' } as never)).toBe('logger')
    expect(invalidOption({ logger: { info: () => {} } } as never)).toBe('logger')
  })

  it('rejects an actorId with a slash without namespaces', () => {
    expect(invalidOption({ actorId: 'alice/x' })).toBe('actorId')
  })

  it('accepts an actorId with a slash and no namespaces when opted in', () => {
    expect(invalidOption({ actorId: 'alice/x', allowUnsafeNamespaceIds: true })).toBeUndefined()
  })
})

describe('resolveClient', () => {
  it('returns the passed client', () => {
    const client = new InMemoryAgentCoreMemory()
    expect(resolveClient({ client }, {})).toBe(client)
  })

  it('resolves the region in order', () => {
    expect(resolveRegion('eu-west-1', { AWS_REGION: 'us-east-1' })).toBe('eu-west-1')
    expect(resolveRegion(undefined, { AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-west-2' })).toBe('us-east-1')
    expect(resolveRegion(undefined, { AWS_DEFAULT_REGION: 'us-west-2' })).toBe('us-west-2')
  })

  it('rejects a missing region', () => {
    expect(() => resolveRegion(undefined, {})).toThrow(/Missing region.*AWS_REGION/)
    expect(() => resolveClient({}, {})).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', option: 'region' }))
  })

  it('rejects an invalid endpoint', () => {
    expect(() => resolveClient({ region: 'us-east-1', endpoint: 'not a url' }, {})).toThrow(
      expect.objectContaining({ option: 'endpoint' }),
    )
  })
})
