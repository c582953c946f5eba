import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { TestClient } from './test-support/ws-client'

const appDir = fileURLToPath(new URL('..', import.meta.url))
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli')

interface RunningMain {
  child: ChildProcess
  lines: Array<Record<string, unknown>>
  stderr: string[]
  exited: Promise<number | null>
}

/**
 * Starts `src/main.ts` as `pnpm demo` does, on an ephemeral loopback port with an in-memory emulator. The child
 * gets only PATH, HOME and the demo's own variables, so no AWS setting from this machine can reach it.
 */
function startMain(dataDir: string, env: Record<string, string> = {}): RunningMain {
  const child = spawn(process.execPath, [tsxCli, '--conditions=@agentcore-session/source', 'src/main.ts'], {
    cwd: appDir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: '0',
      DEMO_DB: ':memory:',
      DEMO_DATA_DIR: dataDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: Array<Record<string, unknown>> = []
  const stderr: string[] = []
  let buffered = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString()
    const complete = buffered.split('\n')
    buffered = complete.pop() ?? ''
    for (const line of complete) if (line.trim()) lines.push(JSON.parse(line))
  })
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()))
  // 'close' waits for stdout and stderr to end as well, so every log line has been read when it fires.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  return { child, lines, stderr, exited }
}

async function waitForLine(main: RunningMain, event: string): Promise<Record<string, unknown>> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const line = main.lines.find((entry) => entry.event === event)
    if (line) return line
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`No "${event}" log line within 15 s; stderr: ${main.stderr.join('')}`)
}

describe('main', () => {
  let dataDir = ''
  let running: RunningMain | undefined
  let blocker: Server | undefined

  afterEach(async () => {
    if (blocker) {
      blocker.close()
      blocker = undefined
    }
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGKILL')
      await running.exited
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it.each(['SIGINT', 'SIGTERM'] as const)('stops cleanly on %s mid-turn', async (signal) => {
    dataDir = await mkdtemp(join(tmpdir(), 'demo-ws-main-'))
    running = startMain(dataDir)
    const started = await waitForLine(running, 'started')
    const url = String(started.url)

    const client = await TestClient.connect(url)
    await client.next('session')
    client.prompt(`Please repeat ${'many words '.repeat(100)}`)
    await client.next('token')
    running.child.kill(signal)
    const exitCode = await running.exited
    const closed = await client.closed

    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    expect(started.memory).toContain('embedded emulator')
    expect(started.model).toBe('offline scripted model')
    expect(running.stderr.join('')).toContain(`Chat demo: ${url}`)
    expect(exitCode).toBe(0)
    expect(closed.code).toBe(1001)
    // Only the demo's own lines carry `event`; the emulator's lines do not.
    const events = running.lines.flatMap((line) => (typeof line.event === 'string' ? [line.event] : []))
    expect(running.lines.find((line) => line.event === 'stopping')?.signal).toBe(signal)
    expect(events.indexOf('turn_finished')).toBeGreaterThan(events.indexOf('stopping'))
    expect(events.indexOf('session_closed')).toBeGreaterThan(events.indexOf('turn_finished'))
    expect(events.at(-1)).toBe('stopped')
  })

  it.each([
    { name: 'PORT=abc', env: { PORT: 'abc' }, expected: /PORT "abc" is not a TCP port; use an integer/ },
    {
      name: 'a short DEMO_TOKEN_SECRET',
      env: { DEMO_TOKEN_SECRET: 'short' },
      expected: /DEMO_TOKEN_SECRET has 5 bytes; set it to at least 32/,
    },
    {
      name: 'a bad DEMO_ALLOWED_ORIGINS',
      env: { DEMO_ALLOWED_ORIGINS: 'not a url' },
      expected: /DEMO_ALLOWED_ORIGINS entry "not a url" is not a bare origin/,
    },
    { name: 'LOG_LEVEL=loud', env: { LOG_LEVEL: 'loud' }, expected: /LOG_LEVEL "loud" is not a log level/ },
  ])('prints one line for $name', async ({ env, expected }) => {
    dataDir = await mkdtemp(join(tmpdir(), 'demo-ws-main-'))
    running = startMain(dataDir, env)
    const exitCode = await running.exited
    const stderr = running.stderr.join('')

    expect(exitCode).toBe(1)
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toMatch(expected)
    expect(stderr).not.toMatch(/\n\s+at /)
    expect(running.lines).toEqual([])
  })

  it('prints one line when the port is in use', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'demo-ws-main-'))
    blocker = createServer()
    blocker.listen(0, '127.0.0.1')
    await once(blocker, 'listening')
    const port = (blocker.address() as { port: number }).port
    running = startMain(dataDir, { PORT: String(port) })
    const exitCode = await running.exited
    const stderr = running.stderr.join('')

    expect(exitCode).toBe(1)
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toContain(`Port ${port} on 127.0.0.1 is in use. Set PORT to a free port, for example PORT=`)
    expect(running.lines.filter((line) => line.level !== undefined && Number(line.level) >= 50)).toEqual([])
    expect(JSON.stringify(running.lines)).not.toContain('"stack"')
  })
})
