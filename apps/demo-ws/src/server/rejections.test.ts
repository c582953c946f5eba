import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { SessionTokens } from '../session-token'
import { startTestDemo, type TestDemo } from '../test-support/demo-harness'
import { TestClient } from '../test-support/ws-client'

/** Opens a handshake that the server is expected to reject, and returns the HTTP status and JSON body. */
function rejectedHandshake(url: string, origin: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { origin })
    socket.on('open', () => reject(new Error('Handshake was accepted')))
    socket.on('error', () => {})
    socket.on('unexpected-response', (_request, response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString()
      })
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(body) }))
    })
  })
}

describe('demo server rejections', () => {
  let demo: TestDemo

  beforeAll(async () => {
    demo = await startTestDemo({ limits: { maxMessageBytes: 1_024, promptsPerMinute: 3 } })
  })

  afterAll(async () => {
    await demo.stop()
  })

  it('rejects a tampered token with invalid_token', async () => {
    const first = await TestClient.connect(demo.url)
    const { token } = await first.next('session')
    await first.close()
    const [payload, signature] = token.split('.')
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString())
    const forged = Buffer.from(JSON.stringify({ ...claims, s: 'session-of-someone-else' })).toString('base64url')

    const client = await TestClient.connect(demo.url, { token: `${forged}.${signature}` })
    const error = await client.next('error')
    const closed = await client.closed

    expect(error.code).toBe('invalid_token')
    expect(closed.code).toBe(4401)
    expect(client.received.some((message) => message.type === 'session')).toBe(false)
  })

  it('rejects a token signed with another secret', async () => {
    const foreign = new SessionTokens({ secret: Buffer.alloc(32, 1), ttlMs: 60_000 }).issue({
      actorId: 'user-x',
      sessionId: 'session-x',
      mode: 'async',
    })

    const client = await TestClient.connect(demo.url, { token: foreign })
    const error = await client.next('error')

    expect(error.code).toBe('invalid_token')
    expect((await client.closed).code).toBe(4401)
  })

  it('rejects a wrong origin with 403 origin_not_allowed', async () => {
    const url = new URL('/ws', demo.url)
    url.protocol = 'ws:'

    const { status, body } = await rejectedHandshake(url.href, 'http://evil.example')

    expect(status).toBe(403)
    expect(body.code).toBe('origin_not_allowed')
    expect(demo.logs.some((line) => line.event === 'origin_rejected')).toBe(true)
  })

  it('rejects other WebSocket paths with 404', async () => {
    const url = new URL('/socket', demo.url)
    url.protocol = 'ws:'

    const { status, body } = await rejectedHandshake(url.href, new URL(demo.url).origin)

    expect(status).toBe(404)
    expect(body.code).toBe('not_found')
  })

  it('rejects an oversized message and stays open', async () => {
    const client = await TestClient.connect(demo.url)
    await client.next('session')

    client.prompt('x'.repeat(2_000))
    const error = await client.next('error')
    const next = await client.turn('short prompt')

    expect(error.code).toBe('message_too_large')
    expect(error.message).toContain('1024 bytes')
    expect(next.done.stopReason).toBe('endTurn')
    await client.close()
  })

  it('closes with 1009 above the frame cap', async () => {
    const client = await TestClient.connect(demo.url)
    await client.next('session')

    client.prompt('x'.repeat(100_000))

    expect((await client.closed).code).toBe(1009)
  })

  it('rejects invalid JSON and unknown types', async () => {
    const client = await TestClient.connect(demo.url)
    await client.next('session')

    client.socket.send('not json')
    const notJson = await client.next('error')
    client.send({ type: 'shout', text: 'hi' })
    const unknownType = await client.next('error')
    client.send({ type: 'prompt', text: '   ' })
    const blank = await client.next('error')
    client.socket.send(Buffer.from([1, 2, 3]))
    const binary = await client.next('error')

    expect(notJson.code).toBe('invalid_message')
    expect(unknownType.code).toBe('invalid_message')
    expect(blank.code).toBe('invalid_message')
    expect(binary.code).toBe('invalid_message')
    await client.close()
  })

  it('rejects a prompt while a turn streams', async () => {
    const client = await TestClient.connect(demo.url)
    await client.next('session')

    client.prompt('first', 'first')
    client.prompt('second', 'second')
    const error = await client.next('error')
    const done = await client.next('done')

    expect(error).toMatchObject({ code: 'turn_in_progress', turnId: 'second' })
    expect(done.turnId).toBe('first')
    await client.close()
  })

  it('limits prompts per minute per connection', async () => {
    const client = await TestClient.connect(demo.url)
    await client.next('session')

    for (let turn = 0; turn < 3; turn++) await client.turn(`prompt ${turn}`)
    client.prompt('one too many', 'extra')
    const error = await client.next('error')

    expect(error).toMatchObject({ code: 'rate_limited', turnId: 'extra' })
    await client.close()

    const other = await TestClient.connect(demo.url)
    await other.next('session')
    expect((await other.turn('fresh connection')).done.stopReason).toBe('endTurn')
    await other.close()
  })

  it('rejects an unknown mode with 400 invalid_mode', async () => {
    const url = new URL('/ws?mode=bogus', demo.url)
    url.protocol = 'ws:'
    const { status, body } = await rejectedHandshake(url.href, new URL(demo.url).origin)

    expect(status).toBe(400)
    expect(body.code).toBe('invalid_mode')
    expect(body.message).toContain('"bogus"')
  })

  it('serves an icon', async () => {
    const icon = await fetch(new URL('/favicon.svg', demo.url))
    const legacy = await fetch(new URL('/favicon.ico', demo.url))
    const page = await (await fetch(demo.url)).text()

    expect(icon.status).toBe(200)
    expect(icon.headers.get('content-type')).toBe('image/svg+xml')
    expect(await icon.text()).toContain('<svg')
    expect(legacy.status).toBe(204)
    expect(page).toContain('<link rel="icon" href="/favicon.svg"')
  })

  it('serves the page with a restrictive CSP', async () => {
    const response = await fetch(demo.url)
    const script = await fetch(new URL('/app.js', demo.url))
    const missing = await fetch(new URL('/../package.json', demo.url))
    const post = await fetch(demo.url, { method: 'POST' })

    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'")
    expect(await response.text()).toContain('<script type="module" src="/app.js">')
    expect(script.headers.get('content-type')).toContain('text/javascript')
    expect(missing.status).toBe(404)
    expect(post.status).toBe(405)
  })
})

describe('demo server with an origin list', () => {
  it('accepts only the listed origins', async () => {
    const demo = await startTestDemo({ allowedOrigins: ['https://chat.example.com'] })
    try {
      const allowed = await TestClient.connect(demo.url, {}, 'https://chat.example.com')
      await allowed.next('session')
      await allowed.close()
      const url = new URL('/ws', demo.url)
      url.protocol = 'ws:'

      const { status } = await rejectedHandshake(url.href, new URL(demo.url).origin)

      expect(status).toBe(403)
    } finally {
      await demo.stop()
    }
  })
})
