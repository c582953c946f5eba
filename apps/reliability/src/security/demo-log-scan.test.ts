import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { ChatClient } from './chat-client'
import { type DemoProcess, killDemoProcess, startDemoProcess } from './demo-process'

// A full demo run at the default log level, with secret-looking values in its environment and unique markers in
// every prompt. Afterwards no credential, token secret, session token or message content may appear in its output.

let dataDir = ''
let demo: DemoProcess | undefined

afterEach(async () => {
  if (demo !== undefined) await killDemoProcess(demo)
  if (dataDir !== '') await rm(dataDir, { recursive: true, force: true })
})

/** Returns a secret-looking value with 96 random bits, so it cannot occur in the output by chance. */
function canary(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('hex')}`
}

describe('demo logs', () => {
  it('contain no secrets or content', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'reliability-logs-'))
    const secrets = {
      AWS_ACCESS_KEY_ID: canary('AKIA').toUpperCase(),
      AWS_SECRET_ACCESS_KEY: canary('secretkey'),
      AWS_SESSION_TOKEN: canary('sessiontoken'),
      DEMO_TOKEN_SECRET: canary('demotokensecret'),
    }
    // Fake credentials only: without MEMORY_ID and MODEL_ID the demo uses its embedded emulator and offline model.
    demo = startDemoProcess({ DEMO_DATA_DIR: dataDir, DEMO_DB: join(dataDir, 'memory.db'), ...secrets })
    const url = await demo.url
    const drink = canary('zebratea')
    const contents = [drink]
    const issuedTokens: string[] = []

    const client = await ChatClient.connect(url)
    issuedTokens.push(String((await client.next('session')).token))
    const preference = await client.turn(`I like ${drink}.`)
    const time = await client.turn('What time is it?')
    const repeated = canary('repeatme')
    contents.push(repeated)
    const echo = await client.turn(`Please repeat ${repeated}`)
    const oversized = canary('oversized')
    contents.push(oversized)
    client.socket.send(JSON.stringify({ type: 'prompt', text: `${oversized} ${'x'.repeat(20_000)}` }))
    await client.next('error')
    const notJson = canary('notjson')
    contents.push(notJson)
    client.socket.send(`{"type":"prompt","text":"${notJson}`)
    await client.next('error')
    await client.close()

    const resumed = await ChatClient.connect(url, { token: issuedTokens[0] as string })
    issuedTokens.push(String((await resumed.next('session')).token))
    await resumed.close()
    const fresh = await ChatClient.connect(url, { token: issuedTokens[0] as string, new: '1' })
    issuedTokens.push(String((await fresh.next('session')).token))
    const recall = await fresh.turn('What do I like?')
    await fresh.close()

    const forged = `${canary('forgedpayload')}.${canary('forgedsignature')}`
    const rejected = await ChatClient.connect(url, { token: forged })
    const rejectedClose = await rejected.closed
    const wrongOrigin = new WebSocket(new URL(`/ws?token=${issuedTokens[0]}`, url.replace('http', 'ws')), {
      origin: 'https://attacker.example',
    })
    const handshakeStatus = await new Promise<number>((resolve) => {
      wrongOrigin.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
      wrongOrigin.on('error', () => resolve(0))
    })

    const last = await ChatClient.connect(url)
    await last.next('session')
    last.prompt(`Please repeat ${Array(60).fill(repeated).join(' ')}`)
    await last.next('token')
    demo.child.kill('SIGTERM')
    const exit = await demo.exited

    expect(preference.done.stopReason).toBe('endTurn')
    expect(time.done.stopReason).toBe('endTurn')
    expect(echo.reply).toContain(repeated)
    expect(recall.reply).toContain(drink)
    expect(rejectedClose.code).toBe(4401)
    expect(handshakeStatus).toBe(403)
    expect(exit).toBe(0)

    const output = demo.output()
    expect(output).toContain('"event":"started"')
    expect(output).toContain('"event":"turn_finished"')
    expect(output).toContain('"event":"token_rejected"')
    expect(output).toContain('"event":"origin_rejected"')
    for (const [name, value] of Object.entries(secrets)) {
      expect(output.includes(value), `${name} in the log`).toBe(false)
    }
    for (const token of [...issuedTokens, forged]) {
      const [payload = '', signature = ''] = token.split('.')
      expect(output.includes(payload), 'a session token payload in the log').toBe(false)
      expect(output.includes(signature), 'a session token signature in the log').toBe(false)
    }
    for (const content of contents) {
      expect(output.includes(content), 'message content in the log').toBe(false)
    }
    expect(output.includes(preference.reply), 'a reply in the log').toBe(false)
  })
})
