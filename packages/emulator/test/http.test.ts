import {
  BedrockAgentCoreClient,
  CreateEventCommand,
  ListEventsCommand,
  ListSessionsCommand,
} from '@aws-sdk/client-bedrock-agentcore'
import { beforeEach, describe, expect, it } from 'vitest'
import { memoryId, textItem, useTestEmulator } from './setup'

const { emulator, client } = await useTestEmulator()

beforeEach(async () => {
  emulator.clearRequestLog()
})

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${emulator.endpoint}${path}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  })
  return { response, json: (await response.json()) as Record<string, unknown> }
}

describe('HTTP protocol', () => {
  it('sends the AWS headers on success', async () => {
    const { response } = await post(`/memories/${memoryId}/actors`, '{}')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/)
    expect(Math.abs(Date.parse(response.headers.get('date') as string) - Date.now())).toBeLessThan(120_000)
  })

  it('answers malformed JSON with CannotParse', async () => {
    const { response, json } = await post(`/memories/${memoryId}/actors`, '{"maxResults":')
    expect(response.status).toBe(400)
    expect(response.headers.get('x-amzn-errortype')).toBe('ValidationException')
    expect(json.__type).toBe('ValidationException')
    expect(json.reason).toBe('CannotParse')
  })

  it('answers a non-object body with CannotParse', async () => {
    const { json } = await post(`/memories/${memoryId}/actors`, '[1,2]')
    expect(json.reason).toBe('CannotParse')
  })

  it('answers unknown routes with JSON', async () => {
    const { response, json } = await post('/nothing/here', '{}')
    expect(response.status).toBe(404)
    expect(json.__type).toBe('UnknownOperationException')
    expect(json.message).toMatch(/No AgentCore Memory operation matches POST \/nothing\/here/)
  })

  it('rejects oversized bodies with JSON', async () => {
    const { emulator: small, client: smallClient } = await import('./setup').then((setup) =>
      setup.startTestEmulator({ maxBodyBytes: 1024 }),
    )
    try {
      const response = await fetch(`${small.endpoint}/memories/${memoryId}/events`, {
        method: 'POST',
        body: JSON.stringify({ actorId: 'a', eventTimestamp: 1, payload: [textItem('x'.repeat(5000))] }),
        headers: { 'content-type': 'application/json' },
      })
      expect(response.status).toBe(413)
      const json = (await response.json()) as Record<string, unknown>
      expect(json.__type).toBe('ValidationException')
      expect(json.message).toMatch(/exceeds the maximum of 1024 bytes/)
    } finally {
      smallClient.destroy()
      await small.close()
    }
  })

  it('decodes encoded labels', async () => {
    await client.send(
      new CreateEventCommand({
        memoryId,
        actorId: 'tenant:a/b',
        sessionId: 's',
        eventTimestamp: new Date(),
        payload: [],
      }),
    )
    const sessions = await client.send(new ListSessionsCommand({ memoryId, actorId: 'tenant:a/b' }))
    expect(sessions.sessionSummaries?.map((summary) => summary.sessionId)).toEqual(['s'])
  })

  it('accepts a memory ARN in place of the id', async () => {
    const arn = `arn:aws:bedrock-agentcore:us-east-1:123456789012:memory/${memoryId}`
    await client.send(
      new CreateEventCommand({ memoryId: arn, actorId: 'a', sessionId: 's', eventTimestamp: new Date(), payload: [] }),
    )
    const listed = await client.send(new ListEventsCommand({ memoryId, actorId: 'a', sessionId: 's' }))
    expect(listed.events?.[0]?.memoryId).toBe(memoryId)
  })

  it('serves an endpoint with a path prefix', async () => {
    const prefixed = new BedrockAgentCoreClient({
      ...emulator.clientConfig({ maxAttempts: 1 }),
      endpoint: `${emulator.endpoint}/prefix`,
    })
    try {
      const output = await prefixed.send(new ListEventsCommand({ memoryId, actorId: 'a', sessionId: 's' }))
      expect(output.events).toEqual([])
    } finally {
      prefixed.destroy()
    }
  })
})

describe('request log', () => {
  it('records operations in order with their ids', async () => {
    await client.send(
      new CreateEventCommand({
        memoryId,
        actorId: 'a',
        sessionId: 's',
        eventTimestamp: new Date(),
        payload: [textItem('x')],
        clientToken: 'tok-1',
      }),
    )
    await client.send(new ListEventsCommand({ memoryId, actorId: 'a', sessionId: 's' }))
    await client.send(new ListEventsCommand({ memoryId, actorId: 'a', sessionId: 's' }))
    expect(emulator.requestCounts()).toEqual({ CreateEvent: 1, ListEvents: 2 })
    const [create, list] = emulator.requestLog()
    expect(create).toMatchObject({
      operation: 'CreateEvent',
      status: 201,
      memoryId,
      actorId: 'a',
      sessionId: 's',
      clientToken: 'tok-1',
    })
    expect(list).toMatchObject({ operation: 'ListEvents', status: 200, actorId: 'a', sessionId: 's' })
    expect((list?.receivedAt ?? 0) >= (create?.respondedAt ?? Number.POSITIVE_INFINITY) - 1).toBe(true)
  })

  it('logs the generated session id', async () => {
    const output = await client.send(
      new CreateEventCommand({ memoryId, actorId: 'a', eventTimestamp: new Date(), payload: [] }),
    )
    expect(emulator.requestLog()[0]?.sessionId).toBe(output.event?.sessionId)
  })
})

describe('admin API', () => {
  it('reports health', async () => {
    const response = await fetch(`${emulator.endpoint}/__emulator/health`)
    expect(await response.json()).toEqual({ status: 'ok', memories: 1 })
  })

  it('sets faults and latency at runtime', async () => {
    const faults = await fetch(`${emulator.endpoint}/__emulator/faults`, {
      method: 'PUT',
      body: JSON.stringify({ serviceErrorRate: 1, operations: ['ListActors'] }),
    })
    expect(await faults.json()).toEqual({ serviceErrorRate: 1, operations: ['ListActors'] })
    const { response } = await post(`/memories/${memoryId}/actors`, '{}')
    expect(response.status).toBe(500)
    await fetch(`${emulator.endpoint}/__emulator/faults`, { method: 'PUT', body: '{}' })

    const latency = await fetch(`${emulator.endpoint}/__emulator/latency`, {
      method: 'PUT',
      body: JSON.stringify({ default: { fixedMs: 1 } }),
    })
    expect(await latency.json()).toEqual({ default: { fixedMs: 1 } })
    await fetch(`${emulator.endpoint}/__emulator/latency`, { method: 'PUT', body: '{}' })
  })

  it('rejects invalid fault settings', async () => {
    const response = await fetch(`${emulator.endpoint}/__emulator/faults`, {
      method: 'PUT',
      body: '{"throttleRate":5}',
    })
    expect(response.status).toBe(400)
    expect(((await response.json()) as { error: string }).error).toMatch(/Invalid faults.throttleRate 5/)
  })

  it('lists and clears requests, creates memories, resets and waits', async () => {
    await post(`/memories/${memoryId}/actors`, '{}')
    const listed = (await (await fetch(`${emulator.endpoint}/__emulator/requests`)).json()) as {
      counts: Record<string, number>
      requests: { operation: string }[]
    }
    expect(listed.counts).toEqual({ ListActors: 1 })
    expect(listed.requests.map((entry) => entry.operation)).toEqual(['ListActors'])
    await fetch(`${emulator.endpoint}/__emulator/requests`, { method: 'DELETE' })
    expect(emulator.requestCounts()).toEqual({})

    const created = await fetch(`${emulator.endpoint}/__emulator/memories`, {
      method: 'POST',
      body: '{"name":"extra"}',
    })
    expect(created.status).toBe(201)
    const { memoryId: extraId } = (await created.json()) as { memoryId: string }
    expect(extraId).toMatch(/^extra-[a-zA-Z0-9]{10}$/)
    const { response: extraList } = await post(`/memories/${extraId}/actors`, '{}')
    expect(extraList.status).toBe(200)

    expect((await fetch(`${emulator.endpoint}/__emulator/reset`, { method: 'POST' })).status).toBe(200)
    const { response: afterReset } = await post(`/memories/${extraId}/actors`, '{}')
    expect(afterReset.status).toBe(404)
    const wait = await fetch(`${emulator.endpoint}/__emulator/extraction/wait`, { method: 'POST' })
    expect(await wait.json()).toEqual({ idle: true })
  })

  it('rejects admin requests from web pages', async () => {
    const before = await fetch(`${emulator.endpoint}/__emulator/memories`, {
      method: 'POST',
      headers: { origin: 'http://attacker.example', 'content-type': 'text/plain' },
      body: '{"name":"planted"}',
    })
    expect(before.status).toBe(403)
    const reset = await fetch(`${emulator.endpoint}/__emulator/reset`, {
      method: 'POST',
      headers: { origin: 'http://attacker.example' },
    })
    expect(reset.status).toBe(403)
    expect(await reset.json()).toMatchObject({ error: expect.stringContaining('Origin header') })
  })

  it('answers unknown admin routes with the route list', async () => {
    const response = await fetch(`${emulator.endpoint}/__emulator/nope`)
    expect(response.status).toBe(404)
    expect(((await response.json()) as { error: string }).error).toMatch(/Unknown admin route GET \/nope/)
  })
})

describe('close', () => {
  it('drops requests still waiting on latency', async () => {
    const { emulator: slow, client: slowClient } = await import('./setup').then((setup) =>
      setup.startTestEmulator({ latency: { default: { fixedMs: 200 } } }),
    )
    const pending = slowClient.send(new ListSessionsCommand({ memoryId, actorId: 'a' })).catch((e: unknown) => e)
    await new Promise((resolve) => setTimeout(resolve, 50))
    await slow.close()
    expect(await pending).toBeInstanceOf(Error)
    slowClient.destroy()
    const reconnect = await fetch(`${slow.endpoint}/__emulator/health`).catch((e: unknown) => e)
    expect(reconnect).toBeInstanceOf(Error)
  })
})
