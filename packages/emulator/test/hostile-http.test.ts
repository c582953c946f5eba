import { connect, type Socket } from 'node:net'
import { ListEventsCommand } from '@aws-sdk/client-bedrock-agentcore'
import { afterAll, describe, expect, it } from 'vitest'
import type { EmulatorLogger } from '../src/index'
import { memoryId, startTestEmulator } from './setup'

// Raw requests over TCP, so each can break HTTP in ways that fetch and the AWS SDK never would. After each one the
// emulator must still serve a valid request through the real client.

const loggedErrors: string[] = []
const logger: EmulatorLogger = {
  info: () => {},
  warn: () => {},
  debug: () => {},
  error: (_object, message) => {
    loggedErrors.push(message)
  },
}

const { emulator, client } = await startTestEmulator({ maxBodyBytes: 64 * 1024, logger })
const host = '127.0.0.1'
const openSockets = new Set<Socket>()

afterAll(async () => {
  for (const socket of openSockets) socket.destroy()
  client.destroy()
  await emulator.close()
})

/** Time after which a raw exchange stops waiting for the server to close the connection. */
const exchangeTimeoutMs = 3_000

/**
 * Writes `chunks` to a new connection, half-closes it, and returns what the server sent before it closed the
 * connection or `exchangeTimeoutMs` passed.
 */
function exchange(chunks: (string | Buffer)[], options: { halfClose?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(emulator.port, host)
    openSockets.add(socket)
    const received: Buffer[] = []
    const finish = () => {
      clearTimeout(timer)
      socket.destroy()
      openSockets.delete(socket)
      resolve(Buffer.concat(received).toString('latin1'))
    }
    const timer = setTimeout(finish, exchangeTimeoutMs)
    socket.on('data', (chunk) => {
      received.push(chunk)
    })
    socket.on('close', finish)
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // The server may reset a connection that sent garbage; what it wrote before still counts.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') finish()
      else reject(error)
    })
    socket.on('connect', () => {
      for (const chunk of chunks) socket.write(chunk)
      if (options.halfClose ?? true) socket.end()
    })
  })
}

function statusOf(response: string): number {
  const match = /^HTTP\/1\.1 (\d{3})/.exec(response)
  return match === null ? 0 : Number(match[1])
}

function request(method: string, path: string, headers: Record<string, string | number>, body = ''): string {
  const lines = [`${method} ${path} HTTP/1.1`, `Host: ${host}`, 'Connection: close']
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`)
  return `${lines.join('\r\n')}\r\n\r\n${body}`
}

function jsonRequest(path: string, body: string | Buffer, headers: Record<string, string | number> = {}): Buffer {
  const head = request('POST', path, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  })
  return Buffer.concat([Buffer.from(head, 'utf8'), typeof body === 'string' ? Buffer.from(body, 'utf8') : body])
}

const listEventsPath = `/memories/${memoryId}/actor/actor-1/sessions/session-1`

async function expectStillServing(): Promise<void> {
  const output = await client.send(
    new ListEventsCommand({ memoryId, actorId: 'actor-1', sessionId: 'session-1', includePayloads: true }),
  )
  expect(output.events).toEqual([])
}

interface HostileCase {
  name: string
  chunks: (string | Buffer)[]
  /** Expected status; 0 when the server may close the connection without a response. */
  status: number | ((status: number) => boolean)
}

const clientErrorStatus = (status: number) => status >= 400 && status < 500

// Decoded leniently, the bad bytes would become U+FFFD inside a blob, which the emulator would store.
const invalidUtf8 = Buffer.concat([
  Buffer.from('{"actorId":"actor-2","sessionId":"session-2","eventTimestamp":1,"payload":[{"blob":"x'),
  Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
  Buffer.from('"}]}'),
])

const cases: HostileCase[] = [
  { name: 'malformed JSON', chunks: [jsonRequest(listEventsPath, '{"maxResults":')], status: 400 },
  { name: 'JSON array body', chunks: [jsonRequest(listEventsPath, '[]')], status: 400 },
  { name: 'JSON string body', chunks: [jsonRequest(listEventsPath, '"x"')], status: 400 },
  { name: 'NaN literal', chunks: [jsonRequest(listEventsPath, '{"maxResults":NaN}')], status: 400 },
  { name: 'wrong field types', chunks: [jsonRequest(listEventsPath, '{"maxResults":"ten"}')], status: 400 },
  {
    name: 'prototype keys',
    chunks: [jsonRequest(listEventsPath, '{"__proto__":{"x":1},"maxResults":1e400}')],
    status: 400,
  },
  {
    name: 'plain text content type',
    chunks: [jsonRequest(listEventsPath, '{}', { 'Content-Type': 'text/plain' })],
    status: 415,
  },
  {
    name: 'form content type',
    chunks: [jsonRequest(listEventsPath, 'maxResults=1', { 'Content-Type': 'application/x-www-form-urlencoded' })],
    status: 415,
  },
  {
    name: 'body without content type',
    chunks: [request('POST', listEventsPath, { 'Content-Length': 2 }, '{}')],
    status: 415,
  },
  {
    name: 'invalid UTF-8',
    chunks: [jsonRequest(`/memories/${memoryId}/events`, invalidUtf8)],
    status: 400,
  },
  {
    name: 'gzip content encoding',
    chunks: [jsonRequest(listEventsPath, '\x1f\x8b\x08\x00garbage', { 'Content-Encoding': 'gzip' })],
    status: clientErrorStatus,
  },
  {
    name: 'oversized body',
    chunks: [jsonRequest(`/memories/${memoryId}/events`, `{"actorId":"${'a'.repeat(200_000)}"}`)],
    status: 413,
  },
  {
    name: 'oversized declared length',
    chunks: [request('POST', listEventsPath, { 'Content-Type': 'application/json', 'Content-Length': 10 ** 12 }, '{')],
    status: 413,
  },
  {
    name: 'truncated body',
    chunks: [request('POST', listEventsPath, { 'Content-Type': 'application/json', 'Content-Length': 100 }, '{"max')],
    status: (status) => status === 0 || clientErrorStatus(status),
  },
  {
    name: 'truncated chunked body',
    chunks: [
      request(
        'POST',
        listEventsPath,
        { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
        '5\r\n{"max',
      ),
    ],
    status: (status) => status === 0 || clientErrorStatus(status),
  },
  {
    name: 'conflicting length headers',
    chunks: [
      request(
        'POST',
        listEventsPath,
        { 'Content-Type': 'application/json', 'Content-Length': 2, 'Transfer-Encoding': 'chunked' },
        '2\r\n{}\r\n0\r\n\r\n',
      ),
    ],
    status: 400,
  },
  { name: 'unknown method', chunks: [request('BREW', listEventsPath, {})], status: clientErrorStatus },
  { name: 'wrong method', chunks: [request('PUT', listEventsPath, { 'Content-Length': 0 })], status: 404 },
  { name: 'GET on a POST route', chunks: [request('GET', listEventsPath, {})], status: 404 },
  { name: 'unknown route', chunks: [jsonRequest('/etc/passwd', '{}')], status: 404 },
  {
    name: 'traversal segments',
    chunks: [jsonRequest(`/memories/${memoryId}/actor/../sessions/session-1`, '{}')],
    status: 400,
  },
  {
    name: 'encoded traversal label',
    chunks: [jsonRequest(`/memories/${memoryId}/actor/..%2F..%2Fother/sessions/session-1`, '{}')],
    status: 400,
  },
  {
    name: 'encoded slash in session',
    chunks: [jsonRequest(`/memories/${memoryId}/actor/actor-1/sessions/session-1%2F..%2Fsession-2`, '{}')],
    status: 400,
  },
  {
    name: 'broken percent encoding',
    chunks: [jsonRequest(`/memories/${memoryId}/actor/%E0%A4%A/sessions/s`, '{}')],
    status: 400,
  },
  {
    name: 'encoded NUL label',
    chunks: [jsonRequest(`/memories/${memoryId}/actor/a%00b/sessions/s`, '{}')],
    status: 400,
  },
  { name: 'memory id traversal', chunks: [jsonRequest('/memories/..%2F..%2Fsecret/actors', '{}')], status: 400 },
  { name: 'not HTTP at all', chunks: ['\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03'], status: 400 },
  { name: 'header without colon', chunks: [`POST ${listEventsPath} HTTP/1.1\r\nHost ${host}\r\n\r\n`], status: 400 },
  {
    name: 'oversized headers',
    chunks: [request('POST', listEventsPath, { 'X-Padding': 'p'.repeat(20_000), 'Content-Length': 0 })],
    status: 431,
  },
]

describe('hostile HTTP requests', () => {
  for (const hostile of cases) {
    it(`answers ${hostile.name} with 4xx`, async () => {
      const response = await exchange(hostile.chunks)

      const status = statusOf(response)
      if (typeof hostile.status === 'number') expect(status).toBe(hostile.status)
      else expect(hostile.status(status), `status ${status}`).toBe(true)
      await expectStillServing()
    })
  }

  it('keeps serving while a client trickles headers', async () => {
    const socket = connect(emulator.port, host)
    openSockets.add(socket)
    await new Promise<void>((resolve) => socket.on('connect', resolve))
    socket.write(`POST ${listEventsPath} HTTP/1.1\r\nHost: ${host}\r\n`)
    for (let index = 0; index < 5; index++) {
      socket.write(`X-Slow-${index}: ${index}\r\n`)
      await expectStillServing()
    }
    socket.destroy()
    openSockets.delete(socket)
  })

  it('keeps serving after a hundred broken connections', async () => {
    const broken = Array.from({ length: 100 }, (_, index) =>
      exchange([jsonRequest(listEventsPath, '{"max').slice(0, 40 + index)]),
    )
    await Promise.all(broken)

    await expectStillServing()
  })

  it('logs no internal error for any hostile request', () => {
    expect(loggedErrors).toEqual([])
  })
})
