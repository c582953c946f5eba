import {
  BatchCreateMemoryRecordsCommand,
  BatchDeleteMemoryRecordsCommand,
  BatchUpdateMemoryRecordsCommand,
  CreateEventCommand,
  DeleteEventCommand,
  GetEventCommand,
  GetMemoryRecordCommand,
  IngestDataCommand,
  ListActorsCommand,
  ListEventsCommand,
  ListMemoryExtractionJobsCommand,
  ListMemoryRecordsCommand,
  ListSessionsCommand,
  RetrieveMemoryRecordsCommand,
  StartMemoryExtractionJobCommand,
  ValidationException,
} from '@aws-sdk/client-bedrock-agentcore'
import { afterAll, describe, expect, it } from 'vitest'
import { memoryId, startTestEmulator, textItem } from './setup'

const { emulator, client } = await startTestEmulator()

afterAll(async () => {
  client.destroy()
  await emulator.close()
})

const now = new Date()
const event = { memoryId, actorId: 'user-1', sessionId: 's1', eventTimestamp: now, payload: [textItem('hi')] }
const session = { memoryId, actorId: 'user-1', sessionId: 's1' }
const eventKey = { ...session, eventId: '0000001700000000000#abcdef12' }
const record = { requestIdentifier: 'r1', namespaces: ['/n/'], content: { text: 'x' }, timestamp: now }
const recordId = 'mem-00000000-0000-0000-0000-000000000000'
const metadata = (count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, index) => [`k${index}`, { stringValue: 'v' }]))

// biome-ignore lint/suspicious/noExplicitAny: the table sends deliberately invalid input that the types forbid.
type AnyCommand = any

// Each case: a request the service rejects, and the member its fieldList must name.
const cases: [string, () => AnyCommand, string][] = [
  ['CreateEvent actorId pattern', () => new CreateEventCommand({ ...event, actorId: '-bad' }), 'actorId'],
  ['CreateEvent actorId length', () => new CreateEventCommand({ ...event, actorId: 'a'.repeat(256) }), 'actorId'],
  [
    'CreateEvent actorId missing',
    () => new CreateEventCommand({ ...event, actorId: undefined } as AnyCommand),
    'actorId',
  ],
  ['CreateEvent sessionId pattern', () => new CreateEventCommand({ ...event, sessionId: 'bad id' }), 'sessionId'],
  ['CreateEvent sessionId length', () => new CreateEventCommand({ ...event, sessionId: 's'.repeat(101) }), 'sessionId'],
  [
    'CreateEvent timestamp missing',
    () => new CreateEventCommand({ ...event, eventTimestamp: undefined } as AnyCommand),
    'eventTimestamp',
  ],
  [
    'CreateEvent payload missing',
    () => new CreateEventCommand({ ...event, payload: undefined } as AnyCommand),
    'payload',
  ],
  [
    'CreateEvent payload over 100 items',
    () => new CreateEventCommand({ ...event, payload: Array.from({ length: 101 }, () => textItem('x')) }),
    'payload',
  ],
  [
    'CreateEvent empty text',
    () => new CreateEventCommand({ ...event, payload: [textItem('')] }),
    'payload.0.conversational.content.text',
  ],
  [
    'CreateEvent text over 100000',
    () => new CreateEventCommand({ ...event, payload: [textItem('x'.repeat(100_001))] }),
    'payload.0.conversational.content.text',
  ],
  [
    'CreateEvent bad role',
    () =>
      new CreateEventCommand({
        ...event,
        payload: [{ conversational: { content: { text: 'x' }, role: 'BANANA' } }],
      } as AnyCommand),
    'payload.0.conversational.role',
  ],
  [
    'CreateEvent two union members',
    () => new CreateEventCommand({ ...event, payload: [{ ...textItem('x'), blob: 'y' }] } as AnyCommand),
    'payload.0',
  ],
  [
    'CreateEvent json over 100 KB',
    () =>
      new CreateEventCommand({
        ...event,
        payload: [{ json: { content: { data: 'x'.repeat(102_400) } } }],
      } as AnyCommand),
    'payload.0.json.content',
  ],
  ['CreateEvent metadata over 15', () => new CreateEventCommand({ ...event, metadata: metadata(16) }), 'metadata'],
  [
    'CreateEvent metadata value pattern',
    () => new CreateEventCommand({ ...event, metadata: { k: { stringValue: '{"json":1}' } } }),
    'metadata.k.stringValue',
  ],
  [
    'CreateEvent metadata value length',
    () => new CreateEventCommand({ ...event, metadata: { k: { stringValue: 'v'.repeat(257) } } }),
    'metadata.k.stringValue',
  ],
  ['CreateEvent branch name', () => new CreateEventCommand({ ...event, branch: { name: '-x' } }), 'branch.name'],
  [
    'CreateEvent rootEventId pattern',
    () => new CreateEventCommand({ ...event, branch: { name: 'alt', rootEventId: 'nohash' } }),
    'branch.rootEventId',
  ],
  [
    'CreateEvent extractionMode',
    () => new CreateEventCommand({ ...event, extractionMode: 'NEVER' } as AnyCommand),
    'extractionMode',
  ],
  ['GetEvent eventId pattern', () => new GetEventCommand({ ...eventKey, eventId: 'abc' }), 'eventId'],
  ['GetEvent empty eventId', () => new GetEventCommand({ ...eventKey, eventId: '' }), 'eventId'],
  ['DeleteEvent sessionId pattern', () => new DeleteEventCommand({ ...eventKey, sessionId: '_x' }), 'sessionId'],
  ['ListEvents maxResults 0', () => new ListEventsCommand({ ...session, maxResults: 0 }), 'maxResults'],
  ['ListEvents maxResults 101', () => new ListEventsCommand({ ...session, maxResults: 101 }), 'maxResults'],
  [
    'ListEvents six metadata filters',
    () =>
      new ListEventsCommand({
        ...session,
        filter: {
          eventMetadata: Array.from({ length: 6 }, () => ({ left: { metadataKey: 'k' }, operator: 'EXISTS' })),
        },
      }),
    'filter.eventMetadata',
  ],
  [
    'ListEvents operator enum',
    () =>
      new ListEventsCommand({
        ...session,
        filter: { eventMetadata: [{ left: { metadataKey: 'k' }, operator: 'LIKE' }] },
      } as AnyCommand),
    'filter.eventMetadata.0.operator',
  ],
  [
    'ListEvents EQUALS_TO without right',
    () =>
      new ListEventsCommand({
        ...session,
        filter: { eventMetadata: [{ left: { metadataKey: 'k' }, operator: 'EQUALS_TO' }] },
      }),
    'filter.eventMetadata.0.right',
  ],
  [
    'ListEvents branch filter name',
    () => new ListEventsCommand({ ...session, filter: { branch: { name: '' } } }),
    'filter.branch.name',
  ],
  ['ListEvents foreign nextToken', () => new ListEventsCommand({ ...session, nextToken: 'garbage' }), 'nextToken'],
  [
    'ListSessions maxResults',
    () => new ListSessionsCommand({ memoryId, actorId: 'a', maxResults: 1000 }),
    'maxResults',
  ],
  [
    'ListSessions filter enum',
    () => new ListSessionsCommand({ memoryId, actorId: 'a', filter: { eventFilter: 'NONE' } } as AnyCommand),
    'filter.eventFilter',
  ],
  ['ListActors maxResults', () => new ListActorsCommand({ memoryId, maxResults: -1 }), 'maxResults'],
  [
    'Retrieve empty query',
    () => new RetrieveMemoryRecordsCommand({ memoryId, namespace: '/', searchCriteria: { searchQuery: '' } }),
    'searchCriteria.searchQuery',
  ],
  [
    'Retrieve topK 101',
    () =>
      new RetrieveMemoryRecordsCommand({ memoryId, namespace: '/', searchCriteria: { searchQuery: 'x', topK: 101 } }),
    'searchCriteria.topK',
  ],
  [
    'Retrieve missing criteria',
    () => new RetrieveMemoryRecordsCommand({ memoryId, namespace: '/' } as AnyCommand),
    'searchCriteria',
  ],
  [
    'Retrieve namespace with space',
    () => new RetrieveMemoryRecordsCommand({ memoryId, namespace: '/a b', searchCriteria: { searchQuery: 'x' } }),
    'namespace',
  ],
  [
    'Retrieve filter without right',
    () =>
      new RetrieveMemoryRecordsCommand({
        memoryId,
        namespace: '/',
        searchCriteria: {
          searchQuery: 'x',
          metadataFilters: [{ left: { metadataKey: 'k' }, operator: 'GREATER_THAN' }],
        },
      }),
    'searchCriteria.metadataFilters.0.right',
  ],
  ['ListMemoryRecords no namespace', () => new ListMemoryRecordsCommand({ memoryId }), 'namespace'],
  [
    'GetMemoryRecord id pattern',
    () => new GetMemoryRecordCommand({ memoryId, memoryRecordId: 'mem-short' }),
    'memoryRecordId',
  ],
  [
    'BatchCreate requestIdentifier pattern',
    () => new BatchCreateMemoryRecordsCommand({ memoryId, records: [{ ...record, requestIdentifier: 'a b' }] }),
    'records.0.requestIdentifier',
  ],
  [
    'BatchCreate text over 16000',
    () =>
      new BatchCreateMemoryRecordsCommand({
        memoryId,
        records: [{ ...record, content: { text: 'x'.repeat(16_001) } }],
      }),
    'records.0.content.text',
  ],
  [
    'BatchCreate over 100 records',
    () =>
      new BatchCreateMemoryRecordsCommand({
        memoryId,
        records: Array.from({ length: 101 }, (_, index) => ({ ...record, requestIdentifier: `r${index}` })),
      }),
    'records',
  ],
  [
    'BatchCreate missing namespaces',
    () =>
      new BatchCreateMemoryRecordsCommand({ memoryId, records: [{ ...record, namespaces: undefined }] } as AnyCommand),
    'records.0.namespaces',
  ],
  [
    'BatchUpdate missing timestamp',
    () => new BatchUpdateMemoryRecordsCommand({ memoryId, records: [{ memoryRecordId: recordId }] } as AnyCommand),
    'records.0.timestamp',
  ],
  [
    'BatchDelete bad id',
    () => new BatchDeleteMemoryRecordsCommand({ memoryId, records: [{ memoryRecordId: 'x' }] }),
    'records.0.memoryRecordId',
  ],
  [
    'ListMemoryExtractionJobs maxResults 51',
    () => new ListMemoryExtractionJobsCommand({ memoryId, maxResults: 51 }),
    'maxResults',
  ],
  [
    'StartMemoryExtractionJob missing job',
    () => new StartMemoryExtractionJobCommand({ memoryId } as AnyCommand),
    'extractionJob',
  ],
  [
    'IngestData blob payload',
    () =>
      new IngestDataCommand({
        memoryId,
        actorId: 'a',
        contentTimestamp: now,
        source: { inline: { payload: [{ blob: 'x' }] } },
      } as AnyCommand),
    'source.inline.payload.0',
  ],
]

describe('validation', () => {
  it.each(cases)('%s', async (_name, build, field) => {
    const error = await client.send(build()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationException)
    const validation = error as ValidationException
    expect(validation.$metadata.httpStatusCode).toBe(400)
    expect(validation.reason).toBe('FieldValidationFailed')
    expect(validation.fieldList?.map((entry) => entry.name)).toContain(field)
    expect(validation.message).toMatch(/^\d+ validation errors? detected: Value/)
  })

  it('lists every violation at once', async () => {
    const error = (await client
      .send(new ListEventsCommand({ ...session, maxResults: 0, includePayloads: 'yes' } as AnyCommand))
      .catch((e: unknown) => e)) as ValidationException
    expect(error.fieldList?.map((entry) => entry.name).sort()).toEqual(['includePayloads', 'maxResults'])
    expect(error.message).toMatch(/^2 validation errors detected: /)
  })

  it('uses the AWS message form', async () => {
    const error = (await client
      .send(new ListEventsCommand({ ...session, maxResults: 101 }))
      .catch((e: unknown) => e)) as ValidationException
    expect(error.message).toBe(
      "1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100",
    )
  })

  it('keeps conversation text out of messages', async () => {
    const secret = `secret-${'x'.repeat(100_000)}`
    const error = (await client
      .send(new CreateEventCommand({ ...event, payload: [textItem(secret)] }))
      .catch((e: unknown) => e)) as ValidationException
    expect(error.message).not.toContain('secret')
  })

  it('accepts an empty payload list', async () => {
    const output = await client.send(new CreateEventCommand({ ...event, payload: [] }))
    expect(output.event?.payload).toEqual([])
  })
})
