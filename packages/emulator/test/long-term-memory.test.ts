import {
  BatchCreateMemoryRecordsCommand,
  BatchDeleteMemoryRecordsCommand,
  BatchUpdateMemoryRecordsCommand,
  CreateEventCommand,
  DeleteMemoryRecordCommand,
  GetMemoryRecordCommand,
  IngestDataCommand,
  ListMemoryRecordsCommand,
  paginateListMemoryRecords,
  paginateRetrieveMemoryRecords,
  ResourceNotFoundException,
  RetrieveMemoryRecordsCommand,
  ValidationException,
} from '@aws-sdk/client-bedrock-agentcore'
import { describe, expect, it } from 'vitest'
import { memoryId, textItem, useTestEmulator } from './setup'

const { emulator, client } = await useTestEmulator({
  memories: [
    {
      id: memoryId,
      strategies: [
        { type: 'semantic', namespace: '/users/{actorId}/facts/', id: 'facts-AAAAAAAAAA' },
        { type: 'userPreference', namespace: '/users/{actorId}/preferences/', id: 'prefs-AAAAAAAAAA' },
        { type: 'summary', namespace: '/summaries/{actorId}/{sessionId}/', id: 'summary-AAAAAAAAAA' },
      ],
    },
  ],
})

async function say(actorId: string, sessionId: string, text: string, role: 'USER' | 'ASSISTANT' = 'USER') {
  await client.send(
    new CreateEventCommand({
      memoryId,
      actorId,
      sessionId,
      eventTimestamp: new Date(),
      payload: [textItem(text, role)],
    }),
  )
}

async function listAll(namespace: string) {
  const output = await client.send(new ListMemoryRecordsCommand({ memoryId, namespace }))
  return output.memoryRecordSummaries ?? []
}

describe('extraction', () => {
  it('turns a demo conversation into a fact and a preference', async () => {
    await say('ana', 's1', 'My name is Ana. I love green tea.')
    await say('ana', 's1', 'Nice to meet you, Ana!', 'ASSISTANT')
    await emulator.waitForExtraction()

    const facts = await listAll('/users/ana/facts/')
    expect(facts.map((record) => record.content?.text)).toEqual(["The user's name is Ana."])
    expect(facts[0]?.memoryStrategyId).toBe('facts-AAAAAAAAAA')
    const preferences = await listAll('/users/ana/preferences/')
    expect(preferences).toHaveLength(1)
    const preference = JSON.parse(preferences[0]?.content?.text as string) as {
      preference: string
      categories: string[]
    }
    expect(preference.preference).toMatch(/green tea/)

    const retrieved = await client.send(
      new RetrieveMemoryRecordsCommand({
        memoryId,
        namespacePath: '/users/ana/',
        searchCriteria: { searchQuery: 'what do I like to drink' },
      }),
    )
    const top = retrieved.memoryRecordSummaries?.[0]
    expect(top?.content?.text).toContain('green tea')
    expect(top?.score).toBeGreaterThan(0.2)
  })

  it('writes a session summary as topic XML', async () => {
    await say('ana', 's1', 'Where is my order ABC-123?')
    await say('ana', 's1', 'It ships tomorrow.', 'ASSISTANT')
    await emulator.waitForExtraction()
    await say('ana', 's1', 'Thanks, bye.')
    await emulator.waitForExtraction()
    const summaries = await listAll('/summaries/ana/s1/')
    expect(summaries).toHaveLength(1)
    expect(summaries[0]?.content?.text).toMatch(/^<topic name="Where is my order abc">/)
    expect(summaries[0]?.content?.text).toContain('<topic name="Thanks bye">')
  })

  it('consolidates a repeated fact instead of adding it', async () => {
    await say('ana', 's1', 'My name is Ana.')
    await emulator.waitForExtraction()
    await say('ana', 's2', 'My name is Ana!')
    await say('ana', 's2', 'I live in Lisbon.')
    await emulator.waitForExtraction()
    const facts = await listAll('/users/ana/facts/')
    expect(facts.map((record) => record.content?.text).sort()).toEqual([
      'The user lives in Lisbon.',
      "The user's name is Ana.",
    ])
  })

  it('replaces an outdated preference about the same thing', async () => {
    await say('bo', 's1', 'I like coffee.')
    await emulator.waitForExtraction()
    await say('bo', 's1', "I don't like coffee.")
    await emulator.waitForExtraction()
    const preferences = await listAll('/users/bo/preferences/')
    expect(preferences).toHaveLength(1)
    expect(JSON.parse(preferences[0]?.content?.text as string).preference).toBe('Dislikes coffee')
  })

  it('skips blob payloads and SKIP events', async () => {
    await client.send(
      new CreateEventCommand({
        memoryId,
        actorId: 'cy',
        sessionId: 's1',
        eventTimestamp: new Date(),
        payload: [{ blob: JSON.stringify({ text: 'My name is Blob.' }) }],
      }),
    )
    await client.send(
      new CreateEventCommand({
        memoryId,
        actorId: 'cy',
        sessionId: 's1',
        eventTimestamp: new Date(),
        payload: [textItem('My name is Skip.')],
        extractionMode: 'SKIP',
      }),
    )
    await emulator.waitForExtraction()
    expect(await listAll('/users/cy/')).toEqual([])
  })

  it('reads json payloads as user input', async () => {
    await client.send(
      new CreateEventCommand({
        memoryId,
        actorId: 'jo',
        sessionId: 's1',
        eventTimestamp: new Date(),
        payload: [{ json: { content: { form: { note: 'My name is Jo.' } } } }],
      }),
    )
    await emulator.waitForExtraction()
    const facts = await listAll('/users/jo/facts/')
    expect(facts.map((record) => record.content?.text)).toEqual(["The user's name is Jo."])
  })

  it('extracts from IngestData without creating events', async () => {
    const output = await client.send(
      new IngestDataCommand({
        memoryId,
        actorId: 'dee',
        sessionId: 'import-1',
        contentTimestamp: new Date(),
        source: { inline: { payload: [textItem('I live in Porto.')] } },
      }),
    )
    expect(output.$metadata.httpStatusCode).toBe(202)
    expect(output.sessionId).toBe('import-1')
    await emulator.waitForExtraction()
    const facts = await listAll('/users/dee/facts/')
    expect(facts.map((record) => record.content?.text)).toEqual(['The user lives in Porto.'])
  })
})

describe('RetrieveMemoryRecords', () => {
  it('selects namespacePath by whole segments and namespace by prefix', async () => {
    await say('ana', 's1', 'My name is Ana.')
    await say('anabel', 's1', 'My name is Anabel.')
    await emulator.waitForExtraction()
    const byPath = await client.send(
      new RetrieveMemoryRecordsCommand({
        memoryId,
        namespacePath: '/users/ana',
        searchCriteria: { searchQuery: 'name' },
      }),
    )
    expect(byPath.memoryRecordSummaries?.map((record) => record.content?.text)).toEqual(["The user's name is Ana."])
    const byPrefix = await client.send(
      new RetrieveMemoryRecordsCommand({ memoryId, namespace: '/users/ana', searchCriteria: { searchQuery: 'name' } }),
    )
    expect(byPrefix.memoryRecordSummaries).toHaveLength(2)
  })

  it('orders by score and honours topK and memoryStrategyId', async () => {
    await say('ana', 's1', 'My name is Ana. I live in Lisbon. I work at Acme. I love green tea.')
    await emulator.waitForExtraction()
    const output = await client.send(
      new RetrieveMemoryRecordsCommand({
        memoryId,
        namespace: '/',
        searchCriteria: { searchQuery: 'where does the user live', topK: 2, memoryStrategyId: 'facts-AAAAAAAAAA' },
      }),
    )
    const records = output.memoryRecordSummaries ?? []
    expect(records).toHaveLength(2)
    expect(records[0]?.content?.text).toBe('The user lives in Lisbon.')
    expect(records.every((record) => record.memoryStrategyId === 'facts-AAAAAAAAAA')).toBe(true)
    expect(records[0]?.score).toBeGreaterThanOrEqual(records[1]?.score as number)
  })

  it('rejects a request without a namespace', async () => {
    const error = await client
      .send(new RetrieveMemoryRecordsCommand({ memoryId, searchCriteria: { searchQuery: 'x' } }))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationException)
  })

  it('rejects a namespace with braces', async () => {
    const error = await client
      .send(
        new RetrieveMemoryRecordsCommand({
          memoryId,
          namespace: '/users/{actorId}',
          searchCriteria: { searchQuery: 'x' },
        }),
      )
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationException)
  })
})

describe('record batches', () => {
  it('creates, reads, updates and deletes records', async () => {
    const created = await client.send(
      new BatchCreateMemoryRecordsCommand({
        memoryId,
        records: [
          {
            requestIdentifier: 'r1',
            namespaces: ['/users/eve/facts/'],
            content: { text: 'The user owns a cat.' },
            timestamp: new Date(),
            metadata: { source: { stringValue: 'import' } },
          },
          {
            requestIdentifier: 'r2',
            namespaces: ['/manual/'],
            content: { text: 'Office opens at 9.' },
            timestamp: new Date(),
          },
          { requestIdentifier: 'r2', namespaces: ['/manual/'], content: { text: 'Duplicate.' }, timestamp: new Date() },
        ],
      }),
    )
    expect(created.$metadata.httpStatusCode).toBe(201)
    expect(created.successfulRecords).toHaveLength(2)
    expect(created.failedRecords?.map((record) => record.requestIdentifier)).toEqual(['r2'])
    const [first, second] = created.successfulRecords ?? []
    const firstId = first?.memoryRecordId as string
    expect(firstId).toMatch(/^mem-[0-9a-f-]{36}$/)

    const got = await client.send(new GetMemoryRecordCommand({ memoryId, memoryRecordId: firstId }))
    expect(got.memoryRecord?.memoryStrategyId).toBe('facts-AAAAAAAAAA')
    expect(got.memoryRecord?.metadata).toEqual({ source: { stringValue: 'import' } })

    const filtered = await client.send(
      new ListMemoryRecordsCommand({
        memoryId,
        namespace: '/',
        metadataFilters: [
          {
            left: { metadataKey: 'source' },
            operator: 'EQUALS_TO',
            right: { metadataValue: { stringValue: 'import' } },
          },
        ],
      }),
    )
    expect(filtered.memoryRecordSummaries?.map((record) => record.memoryRecordId)).toEqual([firstId])

    const updated = await client.send(
      new BatchUpdateMemoryRecordsCommand({
        memoryId,
        records: [
          { memoryRecordId: firstId, timestamp: new Date(), content: { text: 'The user owns two cats.' } },
          { memoryRecordId: 'mem-00000000-0000-0000-0000-000000000000', timestamp: new Date() },
        ],
      }),
    )
    expect(updated.successfulRecords?.map((record) => record.memoryRecordId)).toEqual([firstId])
    expect(updated.failedRecords?.[0]?.errorCode).toBe(404)
    const reread = await client.send(new GetMemoryRecordCommand({ memoryId, memoryRecordId: firstId }))
    expect(reread.memoryRecord?.content?.text).toBe('The user owns two cats.')

    await client.send(
      new DeleteMemoryRecordCommand({ memoryId, memoryRecordId: firstId, namespace: '/users/eve/facts/' }),
    )
    const missing = await client
      .send(new GetMemoryRecordCommand({ memoryId, memoryRecordId: firstId }))
      .catch((e: unknown) => e)
    expect(missing).toBeInstanceOf(ResourceNotFoundException)

    const deleted = await client.send(
      new BatchDeleteMemoryRecordsCommand({
        memoryId,
        records: [{ memoryRecordId: second?.memoryRecordId as string }, { memoryRecordId: firstId }],
      }),
    )
    expect(deleted.successfulRecords).toHaveLength(1)
    expect(deleted.failedRecords?.[0]?.memoryRecordId).toBe(firstId)
  })

  it('pages ListMemoryRecords with the paginator', async () => {
    const records = Array.from({ length: 35 }, (_, index) => ({
      requestIdentifier: `r${index}`,
      namespaces: ['/bulk/'],
      content: { text: `Fact number ${index}.` },
      timestamp: new Date(1_700_000_000_000 + index * 1000),
    }))
    await client.send(new BatchCreateMemoryRecordsCommand({ memoryId, records }))
    const texts: string[] = []
    for await (const page of paginateListMemoryRecords({ client, pageSize: 10 }, { memoryId, namespace: '/bulk/' })) {
      for (const record of page.memoryRecordSummaries ?? []) texts.push(record.content?.text as string)
    }
    expect(texts).toHaveLength(35)
    expect(texts[0]).toBe('Fact number 34.')
    expect(texts.at(-1)).toBe('Fact number 0.')
  })
})

describe('RetrieveMemoryRecords pagination', () => {
  it('pages the topK results by maxResults', async () => {
    const records = Array.from({ length: 12 }, (_, index) => ({
      requestIdentifier: `r${index}`,
      namespaces: ['/paged/'],
      content: { text: `The user visited city number ${index}.` },
      timestamp: new Date(1_700_000_000_000 + index),
    }))
    await client.send(new BatchCreateMemoryRecordsCommand({ memoryId, records }))
    const ids: string[] = []
    let pages = 0
    const paginator = paginateRetrieveMemoryRecords(
      { client, pageSize: 4 },
      { memoryId, namespace: '/paged/', searchCriteria: { searchQuery: 'which city did the user visit', topK: 10 } },
    )
    for await (const page of paginator) {
      pages += 1
      for (const record of page.memoryRecordSummaries ?? []) ids.push(record.memoryRecordId as string)
    }
    expect(pages).toBe(3)
    expect(ids).toHaveLength(10)
    expect(new Set(ids).size).toBe(10)
  })
})
