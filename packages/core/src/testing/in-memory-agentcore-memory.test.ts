import {
  CreateEventCommand,
  DeleteEventCommand,
  ListEventsCommand,
  RetrieveMemoryRecordsCommand,
} from '@aws-sdk/client-bedrock-agentcore'
import { describe, expect, it } from 'vitest'
import { InMemoryAgentCoreMemory } from './in-memory-agentcore-memory'

const ids = { memoryId: 'test_memory-AAAAAAAAAA', actorId: 'a', sessionId: 's' }

function create(backend: InMemoryAgentCoreMemory, ms: number, extra: { clientToken?: string; tag?: string } = {}) {
  return backend.send(
    new CreateEventCommand({
      ...ids,
      eventTimestamp: new Date(ms),
      payload: [{ blob: String(ms) }],
      ...(extra.clientToken === undefined ? {} : { clientToken: extra.clientToken }),
      ...(extra.tag === undefined ? {} : { metadata: { tag: { stringValue: extra.tag } } }),
    }),
  )
}

describe('InMemoryAgentCoreMemory', () => {
  it('lists newest first in pages', async () => {
    const backend = new InMemoryAgentCoreMemory()
    for (const ms of [1000, 3000, 2000]) {
      await create(backend, ms)
    }
    const first = await backend.send(new ListEventsCommand({ ...ids, maxResults: 2 }))
    expect(first.events?.map((event) => event.eventTimestamp?.getTime())).toEqual([3000, 2000])
    expect(first.nextToken).toBeDefined()
    const second = await backend.send(new ListEventsCommand({ ...ids, maxResults: 2, nextToken: first.nextToken }))
    expect(second.events?.map((event) => event.eventTimestamp?.getTime())).toEqual([1000])
    expect(second.nextToken).toBeUndefined()
  })

  it('counts scanned events against maxResults when filtering', async () => {
    const backend = new InMemoryAgentCoreMemory()
    await create(backend, 1000, { tag: 'x' })
    await create(backend, 2000)
    await create(backend, 3000)
    const page = await backend.send(
      new ListEventsCommand({
        ...ids,
        maxResults: 2,
        filter: {
          eventMetadata: [
            { left: { metadataKey: 'tag' }, operator: 'EQUALS_TO', right: { metadataValue: { stringValue: 'x' } } },
          ],
        },
      }),
    )
    expect(page.events).toEqual([])
    expect(page.nextToken).toBeDefined()
  })

  it('deduplicates by client token', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const first = await create(backend, 1000, { clientToken: 'token-1' })
    const again = await create(backend, 5000, { clientToken: 'token-1' })
    expect(again.event?.eventId).toBe(first.event?.eventId)
    expect(backend.events('a', 's')).toHaveLength(1)
  })

  it('omits payloads on request', async () => {
    const backend = new InMemoryAgentCoreMemory()
    await create(backend, 1000)
    const page = await backend.send(new ListEventsCommand({ ...ids, includePayloads: false }))
    expect(page.events?.[0]).not.toHaveProperty('payload')
  })

  it('deletes events and rejects unknown ids', async () => {
    const backend = new InMemoryAgentCoreMemory()
    const created = await create(backend, 1000)
    await backend.send(new DeleteEventCommand({ ...ids, eventId: created.event!.eventId! }))
    expect(backend.events('a', 's')).toHaveLength(0)
    await expect(backend.send(new DeleteEventCommand({ ...ids, eventId: '1#00' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    })
  })

  it('retrieves records under a namespace path', async () => {
    const backend = new InMemoryAgentCoreMemory()
    backend.addRecord({ namespace: '/facts/a/', text: 'in', score: 0.5 })
    backend.addRecord({ namespace: '/facts/ab/', text: 'sibling', score: 0.9 })
    const output = await backend.send(
      new RetrieveMemoryRecordsCommand({
        memoryId: ids.memoryId,
        namespacePath: '/facts/a',
        searchCriteria: { searchQuery: 'q' },
      }),
    )
    expect(output.memoryRecordSummaries?.map((record) => record.content?.text)).toEqual(['in'])
  })

  it('fails the next call of an operation once', async () => {
    const backend = new InMemoryAgentCoreMemory()
    backend.failNext('ListEvents', new Error('boom'))
    await expect(backend.send(new ListEventsCommand(ids))).rejects.toThrow('boom')
    await expect(backend.send(new ListEventsCommand(ids))).resolves.toMatchObject({ events: [] })
    expect(backend.callCounts()).toEqual({ ListEvents: 2 })
  })
})
