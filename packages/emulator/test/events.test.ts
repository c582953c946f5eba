import {
  BedrockAgentCoreClient,
  CreateEventCommand,
  DeleteEventCommand,
  GetEventCommand,
  ListActorsCommand,
  ListEventsCommand,
  ListSessionsCommand,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-bedrock-agentcore'
import { describe, expect, it } from 'vitest'
import { startEmulator } from '../src/index'
import { memoryId, textItem, useTestEmulator } from './setup'

const { emulator, client } = await useTestEmulator()

describe('CreateEvent', () => {
  it('stores an event with the service id format', async () => {
    const timestamp = new Date('2025-01-02T03:04:05.678Z')
    const output = await client.send(
      new CreateEventCommand({
        memoryId,
        actorId: 'user-1',
        sessionId: 'session-1',
        eventTimestamp: timestamp,
        payload: [textItem('I like espresso')],
      }),
    )
    expect(output.$metadata.httpStatusCode).toBe(201)
    expect(output.event?.eventId).toMatch(/^0000001735787045678#[0-9a-f]{8}$/)
    expect(output.event?.eventTimestamp?.toISOString()).toBe(timestamp.toISOString())
    expect(output.event?.branch).toEqual({ name: 'main' })
    expect(output.event?.payload).toEqual([textItem('I like espresso')])
  })

  it('generates a session id when omitted', async () => {
    const output = await client.send(
      new CreateEventCommand({ memoryId, actorId: 'user-1', eventTimestamp: new Date(), payload: [textItem('hi')] }),
    )
    expect(output.event?.sessionId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('returns the original event for a repeated clientToken', async () => {
    const input = {
      memoryId,
      actorId: 'user-1',
      sessionId: 's1',
      eventTimestamp: new Date(1_700_000_000_000),
      payload: [textItem('once')],
      clientToken: 'token-1',
    }
    const first = await client.send(new CreateEventCommand(input))
    const second = await client.send(new CreateEventCommand(input))
    expect(second.event?.eventId).toBe(first.event?.eventId)
    const listed = await client.send(new ListEventsCommand({ memoryId, actorId: 'user-1', sessionId: 's1' }))
    expect(listed.events).toHaveLength(1)
  })

  it('rejects a reused clientToken with other parameters', async () => {
    const base = { memoryId, actorId: 'user-1', sessionId: 's1', eventTimestamp: new Date(), clientToken: 'token-2' }
    await client.send(new CreateEventCommand({ ...base, payload: [textItem('a')] }))
    const error = await client
      .send(new CreateEventCommand({ ...base, payload: [textItem('b')] }))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationException)
    expect((error as ValidationException).reason).toBe('IdempotentParameterMismatchException')
  })

  it('rejects an unknown memory with ResourceNotFoundException', async () => {
    const error = await client
      .send(
        new CreateEventCommand({
          memoryId: 'other_memory-BBBBBBBBBB',
          actorId: 'a',
          eventTimestamp: new Date(),
          payload: [textItem('x')],
        }),
      )
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ResourceNotFoundException)
  })

  it('rejects a malformed memory id with ValidationException', async () => {
    const error = await client
      .send(new CreateEventCommand({ memoryId: 'bad', actorId: 'a', eventTimestamp: new Date(), payload: [] }))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationException)
  })
})

describe('ListEvents', () => {
  it('returns newest first across pages', async () => {
    for (let index = 0; index < 5; index += 1) {
      await client.send(
        new CreateEventCommand({
          memoryId,
          actorId: 'user-1',
          sessionId: 's1',
          eventTimestamp: new Date(1_700_000_000_000 + index),
          payload: [textItem(`msg ${index}`)],
        }),
      )
    }
    const first = await client.send(
      new ListEventsCommand({ memoryId, actorId: 'user-1', sessionId: 's1', maxResults: 2 }),
    )
    expect(first.events?.map((event) => event.payload?.[0]?.conversational?.content?.text)).toEqual(['msg 4', 'msg 3'])
    expect(first.nextToken).toBeDefined()
  })

  it('returns an empty list for an unknown session', async () => {
    const output = await client.send(new ListEventsCommand({ memoryId, actorId: 'nobody', sessionId: 'none' }))
    expect(output.events).toEqual([])
    expect(output.nextToken).toBeUndefined()
  })
})

describe('GetEvent and DeleteEvent', () => {
  it('reads back and deletes an event', async () => {
    const created = await client.send(
      new CreateEventCommand({
        memoryId,
        actorId: 'a/b:c',
        sessionId: 's1',
        eventTimestamp: new Date(),
        payload: [textItem('x')],
      }),
    )
    const eventId = created.event?.eventId as string
    const got = await client.send(new GetEventCommand({ memoryId, actorId: 'a/b:c', sessionId: 's1', eventId }))
    expect(got.event?.eventId).toBe(eventId)
    const deleted = await client.send(new DeleteEventCommand({ memoryId, actorId: 'a/b:c', sessionId: 's1', eventId }))
    expect(deleted.eventId).toBe(eventId)
    const error = await client
      .send(new GetEventCommand({ memoryId, actorId: 'a/b:c', sessionId: 's1', eventId }))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ResourceNotFoundException)
  })
})

describe('ListSessions and ListActors', () => {
  it('lists sessions and actors', async () => {
    for (const [actorId, sessionId] of [
      ['zed', 's1'],
      ['amy', 's1'],
      ['amy', 's2'],
    ] as const) {
      await client.send(
        new CreateEventCommand({ memoryId, actorId, sessionId, eventTimestamp: new Date(), payload: [textItem('x')] }),
      )
    }
    const sessions = await client.send(new ListSessionsCommand({ memoryId, actorId: 'amy' }))
    expect(sessions.sessionSummaries?.map((summary) => summary.sessionId).sort()).toEqual(['s1', 's2'])
    const actors = await client.send(new ListActorsCommand({ memoryId }))
    expect(actors.actorSummaries?.map((summary) => summary.actorId)).toEqual(['amy', 'zed'])
  })
})

describe('startEmulator', () => {
  it('returns a client config with dummy credentials', () => {
    expect(emulator.clientConfig()).toEqual({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'emulator-secret' },
    })
    expect(emulator.clientConfig({ maxAttempts: 2 }).maxAttempts).toBe(2)
    expect(emulator.endpoint).toBe(`http://127.0.0.1:${emulator.port}`)
  })

  it('rejects an invalid declared memory', async () => {
    await expect(startEmulator({ memories: [{ id: 'no-suffix' }] })).rejects.toThrow(
      /Invalid memories\[0\]\.id 'no-suffix'/,
    )
  })

  it('logs start, stop and 5xx errors', async () => {
    const lines: string[] = []
    const record = (level: string) => (_object: Record<string, unknown>, message: string) => {
      lines.push(`${level} ${message}`)
    }
    const logger = { info: record('info'), warn: record('warn'), error: record('error'), debug: () => undefined }
    const logged = await startEmulator({ memories: [{ id: memoryId }], logger, faults: { serviceErrorRate: 1 } })
    const loggedClient = new BedrockAgentCoreClient({ ...logged.clientConfig({ maxAttempts: 1 }) })
    await loggedClient.send(new ListActorsCommand({ memoryId })).catch(() => undefined)
    loggedClient.destroy()
    await logged.close()
    expect(lines).toEqual([
      'info Emulator started.',
      'error ListActors failed with 500 ServiceException.',
      'info Emulator stopped.',
    ])
  })
})
