import {
  BedrockAgentCoreClient,
  BedrockAgentCoreServiceException,
  CreateEventCommand,
  ListEventsCommand,
  ListSessionsCommand,
  RetryableConflictException,
  ServiceException,
  ServiceQuotaExceededException,
  ThrottledException,
} from '@aws-sdk/client-bedrock-agentcore'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { memoryId, startTestEmulator, textItem } from './setup'

const { emulator, client } = await startTestEmulator({ seed: 7 })
// The SDK's default retry strategy: 3 attempts, exponential backoff with jitter.
const retryingClient = new BedrockAgentCoreClient({ ...emulator.clientConfig() })

afterAll(async () => {
  client.destroy()
  retryingClient.destroy()
  await emulator.close()
})

beforeEach(async () => {
  emulator.setFaults({})
  emulator.setLatency({})
  await emulator.reset()
  emulator.clearRequestLog()
})

const write = (text: string, clientToken?: string) =>
  new CreateEventCommand({
    memoryId,
    actorId: 'user-1',
    sessionId: 's1',
    eventTimestamp: new Date(1_700_000_000_000),
    payload: [textItem(text)],
    ...(clientToken === undefined ? {} : { clientToken }),
  })

describe('injected errors', () => {
  const cases: [string, Record<string, number>, new (...args: never[]) => BedrockAgentCoreServiceException, number][] =
    [
      ['throttling', { throttleRate: 1 }, ThrottledException, 429],
      ['service error', { serviceErrorRate: 1 }, ServiceException, 500],
      ['quota', { quotaExceededRate: 1 }, ServiceQuotaExceededException, 402],
      ['conflict', { conflictRate: 1 }, RetryableConflictException, 409],
    ]

  it.each(cases)('%s arrives as its typed exception', async (_name, faults, type, status) => {
    emulator.setFaults(faults)
    const error = await client.send(write('x')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(type)
    expect((error as BedrockAgentCoreServiceException).$metadata.httpStatusCode).toBe(status)
    expect((error as BedrockAgentCoreServiceException).$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('conflicts apply to CreateEvent only', async () => {
    emulator.setFaults({ conflictRate: 1 })
    const output = await client.send(new ListSessionsCommand({ memoryId, actorId: 'user-1' }))
    expect(output.sessionSummaries).toEqual([])
  })

  it('limits faults to the listed operations', async () => {
    emulator.setFaults({ serviceErrorRate: 1, operations: ['ListEvents'] })
    await client.send(write('x'))
    const error = await client
      .send(new ListEventsCommand({ memoryId, actorId: 'user-1', sessionId: 's1' }))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ServiceException)
  })

  it('drops connections without an answer', async () => {
    emulator.setFaults({ dropConnectionRate: 1 })
    const error = await client.send(write('x')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect(error).not.toBeInstanceOf(BedrockAgentCoreServiceException)
    expect(emulator.requestLog().map((entry) => entry.status)).toEqual([0])
  })

  it('stores nothing for a failed request', async () => {
    emulator.setFaults({ serviceErrorRate: 1 })
    await client.send(write('x')).catch(() => undefined)
    emulator.setFaults({})
    const output = await client.send(new ListEventsCommand({ memoryId, actorId: 'user-1', sessionId: 's1' }))
    expect(output.events).toEqual([])
  })
})

describe('SDK retries', () => {
  it('recover from 5xx', async () => {
    emulator.setFaults({ serviceErrorRate: 1, limit: 2 })
    const output = await retryingClient.send(write('x', 'token-5xx'))
    expect(output.$metadata.attempts).toBe(3)
    expect(emulator.requestLog().map((entry) => entry.status)).toEqual([500, 500, 201])
  })

  it('recover from conflicts without duplicates', async () => {
    emulator.setFaults({ conflictRate: 1, limit: 1 })
    await retryingClient.send(write('a', 'token-a'))
    await retryingClient.send(write('b', 'token-b'))
    expect(emulator.requestLog().map((entry) => entry.status)).toEqual([409, 201, 201])
    const listed = await client.send(new ListEventsCommand({ memoryId, actorId: 'user-1', sessionId: 's1' }))
    expect(listed.events).toHaveLength(2)
  })

  it('recover from throttling', async () => {
    emulator.setFaults({ throttleRate: 1, limit: 1 })
    const output = await retryingClient.send(new ListSessionsCommand({ memoryId, actorId: 'user-1' }))
    expect(output.$metadata.attempts).toBe(2)
    expect(emulator.requestLog().map((entry) => entry.status)).toEqual([429, 200])
  })

  it('give up after three attempts', async () => {
    emulator.setFaults({ serviceErrorRate: 1 })
    const error = await retryingClient.send(write('x', 'token-fail')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ServiceException)
    expect(emulator.requestCounts().CreateEvent).toBe(3)
  })

  it('recover from a dropped connection with the same clientToken', async () => {
    emulator.setFaults({ dropConnectionRate: 1, limit: 1 })
    await retryingClient.send(write('x', 'drop-1'))
    const entries = emulator.requestLog()
    expect(entries.map((entry) => entry.status)).toEqual([0, 201])
    expect(entries.map((entry) => entry.clientToken)).toEqual(['drop-1', 'drop-1'])
  })

  it('send a retried write once even when the answer is lost', async () => {
    const first = await client.send(write('once', 'same-token'))
    const again = await retryingClient.send(write('once', 'same-token'))
    expect(again.event?.eventId).toBe(first.event?.eventId)
  })
})

describe('latency', () => {
  it('delays answers by the configured fixed time', async () => {
    emulator.setLatency({ default: { fixedMs: 0 }, perOperation: { ListSessions: { fixedMs: 30, jitterMs: 5 } } })
    await client.send(new ListSessionsCommand({ memoryId, actorId: 'user-1' }))
    const [entry] = emulator.requestLog()
    expect(entry?.operation).toBe('ListSessions')
    expect((entry?.respondedAt ?? 0) - (entry?.receivedAt ?? 0)).toBeGreaterThanOrEqual(29)
  })

  it('rejects invalid settings', () => {
    expect(() => emulator.setLatency({ default: { fixedMs: -1 } })).toThrow(/Invalid latency.default.fixedMs -1/)
    expect(() => emulator.setFaults({ throttleRate: 2 })).toThrow(/Invalid faults.throttleRate 2/)
  })
})
