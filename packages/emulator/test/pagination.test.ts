import {
  CreateEventCommand,
  type Event,
  ListEventsCommand,
  paginateListActors,
  paginateListEvents,
  paginateListSessions,
} from '@aws-sdk/client-bedrock-agentcore'
import { describe, expect, it } from 'vitest'
import { memoryId, textItem, useTestEmulator } from './setup'

const { client } = await useTestEmulator()

const base = 1_750_000_000_000

async function createEvents(
  sessionId: string,
  count: number,
  build: (index: number) => Record<string, unknown> = () => ({}),
) {
  const batchSize = 50
  for (let start = 0; start < count; start += batchSize) {
    const indexes = Array.from({ length: Math.min(batchSize, count - start) }, (_, offset) => start + offset)
    await Promise.all(
      indexes.map((index) =>
        client.send(
          new CreateEventCommand({
            memoryId,
            actorId: 'user-1',
            sessionId,
            eventTimestamp: new Date(base + index),
            payload: [textItem(`message ${index}`)],
            ...build(index),
          }),
        ),
      ),
    )
  }
}

function textOf(event: Event): string | undefined {
  return event.payload?.[0]?.conversational?.content?.text
}

describe('ListEvents pagination', () => {
  it('pages 2000 events newest first without gaps or repeats', async () => {
    await createEvents('big', 2000)
    const texts: string[] = []
    let pages = 0
    for await (const page of paginateListEvents(
      { client, pageSize: 100 },
      { memoryId, actorId: 'user-1', sessionId: 'big' },
    )) {
      pages += 1
      for (const event of page.events ?? []) texts.push(textOf(event) as string)
    }
    expect(pages).toBe(20)
    expect(texts).toHaveLength(2000)
    expect(texts).toEqual(Array.from({ length: 2000 }, (_, index) => `message ${1999 - index}`))
  })

  it('keeps its cursor stable when new events arrive', async () => {
    await createEvents('live', 5)
    const first = await client.send(
      new ListEventsCommand({ memoryId, actorId: 'user-1', sessionId: 'live', maxResults: 2 }),
    )
    await client.send(
      new CreateEventCommand({
        memoryId,
        actorId: 'user-1',
        sessionId: 'live',
        eventTimestamp: new Date(base + 100),
        payload: [textItem('new')],
      }),
    )
    const second = await client.send(
      new ListEventsCommand({
        memoryId,
        actorId: 'user-1',
        sessionId: 'live',
        maxResults: 2,
        nextToken: first.nextToken,
      }),
    )
    expect(second.events?.map(textOf)).toEqual(['message 2', 'message 1'])
  })

  it('omits payloads when includePayloads is false', async () => {
    await createEvents('lean', 2)
    const output = await client.send(
      new ListEventsCommand({ memoryId, actorId: 'user-1', sessionId: 'lean', includePayloads: false }),
    )
    expect(output.events).toHaveLength(2)
    expect(output.events?.every((event) => event.payload === undefined)).toBe(true)
  })
})

describe('ListEvents filters', () => {
  it('counts scanned events, so filtered pages may be empty', async () => {
    await createEvents('sparse', 30, (index) =>
      index === 2 ? { metadata: { stateType: { stringValue: 'AGENT' } } } : {},
    )
    const pages: number[] = []
    const found: string[] = []
    for await (const page of paginateListEvents(
      { client, pageSize: 10 },
      {
        memoryId,
        actorId: 'user-1',
        sessionId: 'sparse',
        filter: {
          eventMetadata: [
            {
              left: { metadataKey: 'stateType' },
              operator: 'EQUALS_TO',
              right: { metadataValue: { stringValue: 'AGENT' } },
            },
          ],
        },
      },
    )) {
      pages.push(page.events?.length ?? 0)
      for (const event of page.events ?? []) found.push(textOf(event) as string)
    }
    expect(pages).toEqual([0, 0, 1])
    expect(found).toEqual(['message 2'])
  })

  it('supports EXISTS and NOT_EXISTS', async () => {
    await createEvents('tags', 4, (index) => (index % 2 === 0 ? { metadata: { tag: { stringValue: 'x' } } } : {}))
    const tagged = await client.send(
      new ListEventsCommand({
        memoryId,
        actorId: 'user-1',
        sessionId: 'tags',
        filter: { eventMetadata: [{ left: { metadataKey: 'tag' }, operator: 'EXISTS' }] },
      }),
    )
    expect(tagged.events?.map(textOf)).toEqual(['message 2', 'message 0'])
    const untagged = await client.send(
      new ListEventsCommand({
        memoryId,
        actorId: 'user-1',
        sessionId: 'tags',
        filter: { eventMetadata: [{ left: { metadataKey: 'tag' }, operator: 'NOT_EXISTS' }] },
      }),
    )
    expect(untagged.events?.map(textOf)).toEqual(['message 3', 'message 1'])
  })

  it('selects a branch with its parent lineage', async () => {
    await createEvents('tree', 3)
    const main = await client.send(new ListEventsCommand({ memoryId, actorId: 'user-1', sessionId: 'tree' }))
    const forkPoint = main.events?.find((event) => textOf(event) === 'message 1')?.eventId as string
    const fork = await client.send(
      new CreateEventCommand({
        memoryId,
        actorId: 'user-1',
        sessionId: 'tree',
        eventTimestamp: new Date(base + 10),
        payload: [textItem('alt 1')],
        branch: { name: 'alt', rootEventId: forkPoint },
      }),
    )
    expect(fork.event?.branch).toEqual({ name: 'alt', rootEventId: forkPoint })
    await client.send(
      new CreateEventCommand({
        memoryId,
        actorId: 'user-1',
        sessionId: 'tree',
        eventTimestamp: new Date(base + 11),
        payload: [textItem('alt 2')],
        branch: { name: 'alt' },
      }),
    )

    const all = await client.send(new ListEventsCommand({ memoryId, actorId: 'user-1', sessionId: 'tree' }))
    expect(all.events?.map(textOf)).toEqual(['alt 2', 'alt 1', 'message 2', 'message 1', 'message 0'])
    const lineage = await client.send(
      new ListEventsCommand({ memoryId, actorId: 'user-1', sessionId: 'tree', filter: { branch: { name: 'alt' } } }),
    )
    expect(lineage.events?.map(textOf)).toEqual(['alt 2', 'alt 1', 'message 1', 'message 0'])
    const only = await client.send(
      new ListEventsCommand({
        memoryId,
        actorId: 'user-1',
        sessionId: 'tree',
        filter: { branch: { name: 'alt', includeParentBranches: false } },
      }),
    )
    expect(only.events?.map(textOf)).toEqual(['alt 2', 'alt 1'])
    const mainOnly = await client.send(
      new ListEventsCommand({ memoryId, actorId: 'user-1', sessionId: 'tree', filter: { branch: { name: 'main' } } }),
    )
    expect(mainOnly.events?.map(textOf)).toEqual(['message 2', 'message 1', 'message 0'])
  })
})

describe('ListSessions and ListActors pagination', () => {
  it('pages sessions newest first and actors in order', async () => {
    for (let index = 0; index < 25; index += 1) {
      const actorId = `actor-${String(index % 5).padStart(2, '0')}`
      await client.send(
        new CreateEventCommand({
          memoryId,
          actorId,
          sessionId: `s${index}`,
          eventTimestamp: new Date(),
          payload: [textItem('x')],
        }),
      )
    }
    const actors: string[] = []
    for await (const page of paginateListActors({ client, pageSize: 2 }, { memoryId })) {
      for (const summary of page.actorSummaries ?? []) actors.push(summary.actorId as string)
    }
    expect(actors).toEqual(['actor-00', 'actor-01', 'actor-02', 'actor-03', 'actor-04'])

    const sessions: string[] = []
    for await (const page of paginateListSessions({ client, pageSize: 2 }, { memoryId, actorId: 'actor-00' })) {
      for (const summary of page.sessionSummaries ?? []) {
        expect(summary.actorId).toBe('actor-00')
        expect(summary.createdAt).toBeInstanceOf(Date)
        sessions.push(summary.sessionId as string)
      }
    }
    expect(sessions).toEqual(['s20', 's15', 's10', 's5', 's0'])
  })
})
