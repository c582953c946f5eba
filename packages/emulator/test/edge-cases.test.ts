import {
  BatchCreateMemoryRecordsCommand,
  CreateEventCommand,
  DeleteEventCommand,
  GetEventCommand,
  IngestDataCommand,
  ListEventsCommand,
  ListMemoryExtractionJobsCommand,
  ListMemoryRecordsCommand,
  ListSessionsCommand,
  type MemoryRecordMetadataValue,
  paginateListMemoryExtractionJobs,
  ResourceNotFoundException,
  RetrieveMemoryRecordsCommand,
  StartMemoryExtractionJobCommand,
  ValidationException,
} from '@aws-sdk/client-bedrock-agentcore'
import { beforeEach, describe, expect, it } from 'vitest'
import { memoryId, textItem, useTestEmulator } from './setup'

const { emulator, client } = await useTestEmulator({
  memories: [
    {
      id: memoryId,
      strategies: [
        { type: 'semantic', namespace: '/users/{actorId}/facts/', id: 'facts-AAAAAAAAAA' },
        { type: 'summary', namespace: '/tenants/{tenantId}/{actorId}/', id: 'tenant_summary-AAAAAAAAAA' },
      ],
    },
  ],
})

beforeEach(async () => {
  emulator.setFaults({})
})

const at = (offset: number) => new Date(1_760_000_000_000 + offset)

describe('events edge cases', () => {
  it('hides an event from another session', async () => {
    const created = await client.send(
      new CreateEventCommand({
        memoryId,
        actorId: 'a',
        sessionId: 's1',
        eventTimestamp: at(0),
        payload: [textItem('x')],
      }),
    )
    const eventId = created.event?.eventId as string
    const error = await client
      .send(new GetEventCommand({ memoryId, actorId: 'a', sessionId: 's2', eventId }))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ResourceNotFoundException)
    const deleteError = await client
      .send(new DeleteEventCommand({ memoryId, actorId: 'b', sessionId: 's1', eventId }))
      .catch((e: unknown) => e)
    expect(deleteError).toBeInstanceOf(ResourceNotFoundException)
  })

  it('rejects a fork from another session', async () => {
    const created = await client.send(
      new CreateEventCommand({
        memoryId,
        actorId: 'a',
        sessionId: 's1',
        eventTimestamp: at(0),
        payload: [textItem('x')],
      }),
    )
    const error = (await client
      .send(
        new CreateEventCommand({
          memoryId,
          actorId: 'a',
          sessionId: 's2',
          eventTimestamp: at(1),
          payload: [textItem('y')],
          branch: { name: 'alt', rootEventId: created.event?.eventId as string },
        }),
      )
      .catch((e: unknown) => e)) as ValidationException
    expect(error).toBeInstanceOf(ValidationException)
    expect(error.reason).toBe('EventInOtherSession')
  })

  it('rejects a fork from an unknown event', async () => {
    const error = await client
      .send(
        new CreateEventCommand({
          memoryId,
          actorId: 'a',
          sessionId: 's1',
          eventTimestamp: at(1),
          payload: [textItem('y')],
          branch: { name: 'alt', rootEventId: '0000001760000000000#00000000' },
        }),
      )
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ResourceNotFoundException)
  })

  it('keeps payload order, blob and json documents', async () => {
    const payload = [
      textItem('first'),
      { blob: { nested: [1, 'two'] } },
      { json: { content: { step: 3 } } },
      textItem('last', 'ASSISTANT'),
    ]
    await client.send(
      new CreateEventCommand({ memoryId, actorId: 'a', sessionId: 's1', eventTimestamp: at(0), payload }),
    )
    const listed = await client.send(new ListEventsCommand({ memoryId, actorId: 'a', sessionId: 's1' }))
    expect(listed.events?.[0]?.payload).toEqual(payload)
  })

  it('keeps metadata on events', async () => {
    const metadata = { stateType: { stringValue: 'AGENT' }, agentId: { stringValue: 'agent-1' } }
    await client.send(
      new CreateEventCommand({ memoryId, actorId: 'a', sessionId: 's1', eventTimestamp: at(0), payload: [], metadata }),
    )
    const listed = await client.send(new ListEventsCommand({ memoryId, actorId: 'a', sessionId: 's1' }))
    expect(listed.events?.[0]?.metadata).toEqual(metadata)
  })

  it('filters sessions without live events', async () => {
    const created = await client.send(
      new CreateEventCommand({ memoryId, actorId: 'a', sessionId: 'emptied', eventTimestamp: at(0), payload: [] }),
    )
    await client.send(
      new CreateEventCommand({ memoryId, actorId: 'a', sessionId: 'kept', eventTimestamp: at(1), payload: [] }),
    )
    await client.send(
      new DeleteEventCommand({
        memoryId,
        actorId: 'a',
        sessionId: 'emptied',
        eventId: created.event?.eventId as string,
      }),
    )
    const all = await client.send(new ListSessionsCommand({ memoryId, actorId: 'a' }))
    expect(all.sessionSummaries?.map((summary) => summary.sessionId)).toEqual(['kept', 'emptied'])
    const withEvents = await client.send(
      new ListSessionsCommand({ memoryId, actorId: 'a', filter: { eventFilter: 'HAS_EVENTS' } }),
    )
    expect(withEvents.sessionSummaries?.map((summary) => summary.sessionId)).toEqual(['kept'])
  })
})

describe('namespace variables', () => {
  it('fills custom placeholders from extractionConfig', async () => {
    await client.send(
      new CreateEventCommand({
        memoryId,
        actorId: 'ana',
        sessionId: 's1',
        eventTimestamp: at(0),
        payload: [textItem('Hello there.')],
        extractionConfig: { namespaceVariables: { tenantId: 'acme' } },
      }),
    )
    await emulator.waitForExtraction()
    const records = await client.send(new ListMemoryRecordsCommand({ memoryId, namespace: '/tenants/acme/ana/' }))
    expect(records.memoryRecordSummaries?.[0]?.content?.text).toBe(
      '<topic name="Hello there">\nThe user said: Hello there.\n</topic>',
    )
  })

  it('skips a strategy whose placeholder has no value', async () => {
    await client.send(
      new CreateEventCommand({
        memoryId,
        actorId: 'ana',
        sessionId: 's1',
        eventTimestamp: at(0),
        payload: [textItem('Hello.')],
      }),
    )
    await emulator.waitForExtraction()
    const records = await client.send(new ListMemoryRecordsCommand({ memoryId, namespace: '/tenants/' }))
    expect(records.memoryRecordSummaries).toEqual([])
  })
})

describe('extraction jobs', () => {
  it('lists failed jobs and restarts them', async () => {
    emulator.setFaults({ extractionFailureRate: 1 })
    const created = await client.send(
      new CreateEventCommand({
        memoryId,
        actorId: 'ana',
        sessionId: 's1',
        eventTimestamp: at(0),
        payload: [textItem('My name is Ana.')],
      }),
    )
    await emulator.waitForExtraction()
    emulator.setFaults({})
    const listed = await client.send(
      new ListMemoryExtractionJobsCommand({ memoryId, filter: { strategyId: 'facts-AAAAAAAAAA', status: 'FAILED' } }),
    )
    expect(listed.jobs).toHaveLength(1)
    const job = listed.jobs?.[0]
    expect(job?.status).toBe('FAILED')
    expect(job?.actorId).toBe('ana')
    expect(job?.messages?.messagesList).toEqual([{ eventId: created.event?.eventId, messageIndex: 0 }])
    expect(await client.send(new ListMemoryRecordsCommand({ memoryId, namespace: '/users/ana/' }))).toMatchObject({
      memoryRecordSummaries: [],
    })

    const started = await client.send(
      new StartMemoryExtractionJobCommand({ memoryId, extractionJob: { jobId: job?.jobID as string } }),
    )
    expect(started.jobId).toBe(job?.jobID)
    const records = await client.send(new ListMemoryRecordsCommand({ memoryId, namespace: '/users/ana/' }))
    expect(records.memoryRecordSummaries?.map((record) => record.content?.text)).toEqual(["The user's name is Ana."])
    const after = await client.send(new ListMemoryExtractionJobsCommand({ memoryId }))
    expect(after.jobs?.some((entry) => entry.jobID === job?.jobID)).toBe(false)
  })

  it('restarts a job with its namespace variables', async () => {
    emulator.setFaults({ extractionFailureRate: 1 })
    await client.send(
      new CreateEventCommand({
        memoryId,
        actorId: 'ana',
        sessionId: 's1',
        eventTimestamp: at(0),
        payload: [textItem('Hello there.')],
        extractionConfig: { namespaceVariables: { tenantId: 'acme' } },
      }),
    )
    await emulator.waitForExtraction()
    emulator.setFaults({})
    const listed = await client.send(
      new ListMemoryExtractionJobsCommand({ memoryId, filter: { strategyId: 'tenant_summary-AAAAAAAAAA' } }),
    )
    const jobId = listed.jobs?.[0]?.jobID as string
    await client.send(new StartMemoryExtractionJobCommand({ memoryId, extractionJob: { jobId } }))
    const records = await client.send(new ListMemoryRecordsCommand({ memoryId, namespace: '/tenants/acme/ana/' }))
    expect(records.memoryRecordSummaries).toHaveLength(1)
  })

  it('pages jobs and rejects unknown ones', async () => {
    emulator.setFaults({ extractionFailureRate: 1 })
    for (let index = 0; index < 3; index += 1) {
      await client.send(
        new CreateEventCommand({
          memoryId,
          actorId: `actor-${index}`,
          sessionId: 's1',
          eventTimestamp: at(index),
          payload: [textItem('x')],
        }),
      )
      await emulator.waitForExtraction()
    }
    const jobs: string[] = []
    for await (const page of paginateListMemoryExtractionJobs({ client, pageSize: 2 }, { memoryId })) {
      for (const job of page.jobs ?? []) jobs.push(job.jobID as string)
    }
    expect(jobs).toHaveLength(6)
    expect(new Set(jobs).size).toBe(6)
    const error = await client
      .send(new StartMemoryExtractionJobCommand({ memoryId, extractionJob: { jobId: 'missing' } }))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ResourceNotFoundException)
  })
})

describe('idempotency of record writes', () => {
  it('creates a batch once per clientToken', async () => {
    const input = {
      memoryId,
      clientToken: 'batch-1',
      records: [{ requestIdentifier: 'r1', namespaces: ['/x/'], content: { text: 'Fact.' }, timestamp: at(0) }],
    }
    const first = await client.send(new BatchCreateMemoryRecordsCommand(input))
    const second = await client.send(new BatchCreateMemoryRecordsCommand(input))
    expect(second.successfulRecords).toEqual(first.successfulRecords)
    const listed = await client.send(new ListMemoryRecordsCommand({ memoryId, namespace: '/x/' }))
    expect(listed.memoryRecordSummaries).toHaveLength(1)
  })

  it('ingests once per clientToken', async () => {
    const input = {
      memoryId,
      actorId: 'zoe',
      clientToken: 'ingest-1',
      contentTimestamp: at(0),
      source: { inline: { payload: [textItem('I live in Rome.')] } },
    }
    const first = await client.send(new IngestDataCommand(input))
    const second = await client.send(new IngestDataCommand(input))
    expect(second.sessionId).toBe(first.sessionId)
    await emulator.waitForExtraction()
    const listed = await client.send(new ListMemoryRecordsCommand({ memoryId, namespace: '/users/zoe/' }))
    expect(listed.memoryRecordSummaries).toHaveLength(1)
  })
})

describe('record metadata filters', () => {
  it('applies number, date, list and string operators', async () => {
    const record = (id: string, metadata: Record<string, MemoryRecordMetadataValue>) => ({
      requestIdentifier: id,
      namespaces: ['/filters/'],
      content: { text: `Record ${id}.` },
      timestamp: at(0),
      metadata,
    })
    await client.send(
      new BatchCreateMemoryRecordsCommand({
        memoryId,
        records: [
          record('a', {
            priority: { numberValue: 1 },
            due: { dateTimeValue: at(1000) },
            tags: { stringListValue: ['red', 'blue'] },
          }),
          record('b', {
            priority: { numberValue: 5 },
            due: { dateTimeValue: at(5000) },
            owner: { stringValue: 'ana' },
          }),
        ],
      }),
    )
    const retrieve = async (metadataFilters: unknown[]) => {
      const output = await client.send(
        new RetrieveMemoryRecordsCommand({
          memoryId,
          namespace: '/filters/',
          searchCriteria: { searchQuery: 'record', metadataFilters } as never,
        }),
      )
      return (output.memoryRecordSummaries ?? []).map((summary) => summary.content?.text).sort()
    }
    expect(
      await retrieve([
        { left: { metadataKey: 'priority' }, operator: 'GREATER_THAN', right: { metadataValue: { numberValue: 2 } } },
      ]),
    ).toEqual(['Record b.'])
    expect(
      await retrieve([
        {
          left: { metadataKey: 'priority' },
          operator: 'LESS_THAN_OR_EQUALS',
          right: { metadataValue: { numberValue: 5 } },
        },
      ]),
    ).toEqual(['Record a.', 'Record b.'])
    expect(
      await retrieve([
        { left: { metadataKey: 'due' }, operator: 'BEFORE', right: { metadataValue: { dateTimeValue: at(2000) } } },
      ]),
    ).toEqual(['Record a.'])
    expect(
      await retrieve([
        { left: { metadataKey: 'tags' }, operator: 'CONTAINS', right: { metadataValue: { stringValue: 'blue' } } },
      ]),
    ).toEqual(['Record a.'])
    expect(await retrieve([{ left: { metadataKey: 'owner' }, operator: 'NOT_EXISTS' }])).toEqual(['Record a.'])
    expect(
      await retrieve([
        { left: { metadataKey: 'owner' }, operator: 'EQUALS_TO', right: { metadataValue: { stringValue: 'ana' } } },
        { left: { metadataKey: 'due' }, operator: 'AFTER', right: { metadataValue: { dateTimeValue: at(2000) } } },
      ]),
    ).toEqual(['Record b.'])
  })
})
