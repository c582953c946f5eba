import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestDemo, type TestDemo } from '../test-support/demo-harness'
import { findDuplicateKeys } from '../test-support/duplicate-keys'
import { TestClient } from '../test-support/ws-client'

describe('demo server log lines', () => {
  let demo: TestDemo

  beforeAll(async () => {
    demo = await startTestDemo()
  })

  afterAll(async () => {
    await demo.stop()
  })

  it('contains each key once', async () => {
    const client = await TestClient.connect(demo.url)
    const { token } = await client.next('session')
    await client.turn('What time is it?')
    await client.close()
    const resumed = await TestClient.connect(demo.url, { token })
    await resumed.next('session')
    await resumed.turn('Hello again')
    await resumed.close()
    for (let attempt = 0; attempt < 500 && demo.server.conversationCount() > 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }

    expect(demo.rawLogs.some((line) => line.includes('"session_closed"'))).toBe(true)
    expect(demo.rawLogs.some((line) => line.includes('"component":"memory-session"'))).toBe(true)
    for (const line of demo.rawLogs) {
      expect(findDuplicateKeys(line), line).toEqual([])
    }
  })

  it('logs an oversized frame at info', async () => {
    const client = await TestClient.connect(demo.url)
    await client.next('session')
    const before = demo.logs.length
    client.socket.send('x'.repeat(70 * 1024))
    const closed = await client.closed
    for (
      let attempt = 0;
      attempt < 100 && !demo.logs.slice(before).some((line) => line.event === 'disconnected');
      attempt++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    const lines = demo.logs.slice(before)
    const protocolError = lines.find((line) => line.event === 'client_protocol_error')

    expect(closed.code).toBe(1009)
    expect(protocolError?.level).toBe(30)
    expect(protocolError?.code).toBe('WS_ERR_UNSUPPORTED_MESSAGE_LENGTH')
    expect(JSON.stringify(lines)).not.toContain('"stack"')
    expect(lines.filter((line) => line.level >= 40)).toEqual([])
  })
})
