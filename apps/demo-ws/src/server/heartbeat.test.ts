import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startTestDemo, type TestDemo } from '../test-support/demo-harness'
import { TestClient } from '../test-support/ws-client'

describe('demo server heartbeat', () => {
  let demo: TestDemo

  beforeAll(async () => {
    demo = await startTestDemo({ limits: { heartbeatMs: 40 } })
  })

  afterAll(async () => {
    await demo.stop()
  })

  it('terminates a client that never answers pings', async () => {
    const url = new URL('/ws', demo.url)
    url.protocol = 'ws:'
    const silent = new WebSocket(url, { autoPong: false })
    const closed = new Promise<number>((resolve) => silent.on('close', (code) => resolve(code)))

    expect(await closed).toBe(1006)
    expect(demo.logs.some((line) => line.event === 'heartbeat_timeout')).toBe(true)
  })

  it('keeps a client that answers pings', async () => {
    const client = await TestClient.connect(demo.url)
    await client.next('session')
    await new Promise((resolve) => setTimeout(resolve, 200))

    expect(client.socket.readyState).toBe(WebSocket.OPEN)
    expect((await client.turn('still here')).done.stopReason).toBe('endTurn')
    await client.close()
  })
})
