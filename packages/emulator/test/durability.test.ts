import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  BedrockAgentCoreClient,
  CreateEventCommand,
  GetEventCommand,
  ListEventsCommand,
  ListMemoryRecordsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-bedrock-agentcore'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { startEmulator } from '../src/index'
import { memoryId, textItem } from './setup'

const directory = await mkdtemp(join(tmpdir(), 'agentcore-emulator-'))
const packageRoot = fileURLToPath(new URL('..', import.meta.url))
// `--import tsx` (resolved from the package directory, the child's cwd) runs tsx's loader in the child itself.
// The `tsx` command would start the CLI in a grandchild process that SIGKILL of the child leaves running, so
// the kill -9 test would not kill the server.
const dummyCredentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' }

afterAll(async () => {
  await rm(directory, { recursive: true, force: true })
})

function clientFor(endpoint: string): BedrockAgentCoreClient {
  return new BedrockAgentCoreClient({ endpoint, region: 'us-east-1', credentials: dummyCredentials, maxAttempts: 1 })
}

/** Starts the CLI in a child process and resolves with its endpoint once it logs the start line. */
function startCli(args: string[]): Promise<{ child: ChildProcess; endpoint: string; stderr: () => string }> {
  const nodeArgs = ['--import', 'tsx', '--conditions=@agentcore-session/source', 'src/cli.ts', ...args]
  const child = spawn(process.execPath, nodeArgs, {
    cwd: packageRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The CLI did not start within 15 s. stderr: ${stderr}`)), 15_000)
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      const match = /Emulator started\. endpoint=(\S+)/.exec(stderr)
      if (match?.[1] !== undefined) {
        clearTimeout(timer)
        resolve({ child, endpoint: match[1], stderr: () => stderr })
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`The CLI exited with code ${code}. stderr: ${stderr}`))
    })
  })
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode })
    else child.once('exit', (code, signal) => resolve({ code, signal }))
  })
}

describe('restart durability', () => {
  it('keeps events and records after close and restart', async () => {
    const db = join(directory, 'restart.db')
    const memories = [
      { id: memoryId, strategies: [{ type: 'semantic' as const, namespace: '/users/{actorId}/facts/' }] },
    ]
    const first = await startEmulator({ db, memories })
    const firstClient = clientFor(first.endpoint)
    const created = await firstClient.send(
      new CreateEventCommand({
        memoryId,
        actorId: 'ana',
        sessionId: 's1',
        eventTimestamp: new Date(),
        payload: [textItem('My name is Ana.')],
      }),
    )
    await first.waitForExtraction()
    firstClient.destroy()
    await first.close()

    const second = await startEmulator({ db, memories })
    const secondClient = clientFor(second.endpoint)
    try {
      const got = await secondClient.send(
        new GetEventCommand({ memoryId, actorId: 'ana', sessionId: 's1', eventId: created.event?.eventId as string }),
      )
      expect(got.event?.payload).toEqual([textItem('My name is Ana.')])
      const records = await secondClient.send(new ListMemoryRecordsCommand({ memoryId, namespace: '/users/ana/' }))
      expect(records.memoryRecordSummaries?.map((record) => record.content?.text)).toEqual(["The user's name is Ana."])
    } finally {
      secondClient.destroy()
      await second.close()
    }
  })

  it('keeps acknowledged events after kill -9 of the CLI', async () => {
    const db = join(directory, 'killed.db')
    const cli = await startCli(['--port', '0', '--db', db, '--memory', memoryId])
    const cliClient = clientFor(cli.endpoint)
    const written: string[] = []
    for (let index = 0; index < 20; index += 1) {
      const output = await cliClient.send(
        new CreateEventCommand({
          memoryId,
          actorId: 'user-1',
          sessionId: 's1',
          eventTimestamp: new Date(1_700_000_000_000 + index),
          payload: [textItem(`message ${index}`)],
        }),
      )
      written.push(output.event?.eventId as string)
    }
    cliClient.destroy()
    cli.child.kill('SIGKILL')
    expect((await exitOf(cli.child)).signal).toBe('SIGKILL')

    const restarted = await startEmulator({ db, memories: [{ id: memoryId }] })
    const restartedClient = clientFor(restarted.endpoint)
    try {
      const listed = await restartedClient.send(new ListEventsCommand({ memoryId, actorId: 'user-1', sessionId: 's1' }))
      expect(listed.events?.map((event) => event.eventId)).toEqual([...written].reverse())
    } finally {
      restartedClient.destroy()
      await restarted.close()
    }
  })

  it('stops the CLI cleanly on SIGTERM', async () => {
    const cli = await startCli(['--port', '0', '--db', ':memory:'])
    cli.child.kill('SIGTERM')
    expect(await exitOf(cli.child)).toEqual({ code: 0, signal: null })
    expect(cli.stderr()).toMatch(/Stopping the emulator\. signal=SIGTERM/)
    expect(cli.stderr()).toMatch(/Emulator stopped\./)
  })
})

describe('event expiry', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('hides events older than the memory expiry', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-01-01T00:00:00Z') })
    const emulator = await startEmulator({ memories: [{ id: memoryId, eventExpiryDays: 3 }] })
    const client = clientFor(emulator.endpoint)
    try {
      const created = await client.send(
        new CreateEventCommand({
          memoryId,
          actorId: 'a',
          sessionId: 's',
          eventTimestamp: new Date(),
          payload: [textItem('x')],
        }),
      )
      vi.setSystemTime(new Date('2026-01-03T23:00:00Z'))
      const fresh = await client.send(new ListEventsCommand({ memoryId, actorId: 'a', sessionId: 's' }))
      expect(fresh.events).toHaveLength(1)
      vi.setSystemTime(new Date('2026-01-04T00:00:01Z'))
      const expired = await client.send(new ListEventsCommand({ memoryId, actorId: 'a', sessionId: 's' }))
      expect(expired.events).toEqual([])
      const error = await client
        .send(
          new GetEventCommand({ memoryId, actorId: 'a', sessionId: 's', eventId: created.event?.eventId as string }),
        )
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ResourceNotFoundException)
    } finally {
      client.destroy()
      await emulator.close()
    }
  })
})
