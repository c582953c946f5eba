import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Emulator, startEmulator } from '@agentcore-session/emulator'
import type { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startScript } from '../support/child-process'
import { emulatorClient } from '../support/emulator-client'
import { recordFigures } from '../support/results'
import { seededRandom, seedFromEnvironment } from '../support/seeded-random'
import { readStoredMessages } from '../support/stored-messages'

const writerScript = 'src/crash/outbox-writer.ts'
const trials = process.env.CHAOS_PROFILE === 'full' ? 50 : 20
const seed = seedFromEnvironment('CRASH_SEED')
const actorId = 'crash-actor'
let emulator: Emulator
let client: BedrockAgentCoreClient
let outboxDir: string

beforeAll(async () => {
  // Latency on CreateEvent keeps journaled writes waiting in the queue, so kills land while writes are unsent.
  emulator = await startEmulator({ seed, latency: { perOperation: { CreateEvent: { fixedMs: 3, jitterMs: 10 } } } })
  client = emulatorClient(emulator)
  outboxDir = await mkdtemp(join(tmpdir(), 'reliability-outbox-'))
})

afterAll(async () => {
  client?.destroy()
  await emulator?.close()
  await rm(outboxDir, { recursive: true, force: true })
})

/** Sort key of a message text `t<trial>-<n>`, so order can be checked across trials. */
function orderKey(text: string): [number, number] {
  const match = /^t(\d+)-(\d+)$/.exec(text)
  if (match === null) {
    throw new Error(`Unexpected stored text '${text}': expected t<trial>-<n>.`)
  }
  return [Number(match[1]), Number(match[2])]
}

function isOrdered(texts: string[]): boolean {
  for (let index = 1; index < texts.length; index += 1) {
    const [trialA, numberA] = orderKey(texts[index - 1]!)
    const [trialB, numberB] = orderKey(texts[index]!)
    if (trialB < trialA || (trialB === trialA && numberB <= numberA)) {
      return false
    }
  }
  return true
}

describe(`kill -9 with the outbox (${trials} trials, seed ${seed})`, () => {
  it('stores every acknowledged message once, in order', { timeout: 600_000 }, async () => {
    console.info(`kill -9: ${trials} trials, seed ${seed}; set CRASH_SEED=${seed} to repeat the kill points`)
    const random = seededRandom(seed)
    const memoryId = await emulator.createMemory({ name: 'crash' })
    const sessionId = `crash-${seed}`
    const acknowledged: string[] = []
    let unsentAtKills = 0
    let maxUnsentAtKill = 0
    let resent = 0
    let damagedLines = 0
    let lost = 0
    let duplicated = 0
    let outOfOrder = 0

    const check = async () => {
      const stored = (await readStoredMessages(client, memoryId, actorId, sessionId)).map((message) => message.text)
      const storedSet = new Set(stored)
      lost = acknowledged.filter((text) => !storedSet.has(text)).length
      duplicated = stored.length - storedSet.size
      outOfOrder = isOrdered(stored) ? 0 : 1
      return stored
    }

    for (let trial = 1; trial <= trials + 1; trial += 1) {
      const last = trial === trials + 1
      const args = [emulator.endpoint, memoryId, actorId, sessionId, outboxDir, `t${trial}`]
      const writer = startScript(writerScript, last ? [...args, '--drain'] : args)
      const replayedLine = await writer.waitForLine((line) => line.startsWith('replayed '), 30_000)
      resent += Number(replayedLine.slice('replayed '.length))
      for (const line of writer.lines.filter((candidate) => candidate.startsWith('damaged '))) {
        damagedLines += Number(line.slice('damaged '.length))
      }

      if (!last) {
        // Kill 0 to 300 ms after the restart finished, or at once: random points in the append loop.
        const delayMs = Math.floor(random() * 300)
        await new Promise((resolve) => setTimeout(resolve, delayMs))
        writer.child.kill('SIGKILL')
      }
      const status = await writer.exited
      expect(status, writer.stderr()).toBe(last ? 0 : 'SIGKILL')
      const acks = writer.lines.filter((line) => line.startsWith('ack ')).map((line) => line.slice(4))
      acknowledged.push(...acks)

      if (!last) {
        // Before the next start replays the journal, count acknowledged messages that only the journal holds.
        const stored = new Set(await check())
        const unsent = acknowledged.filter((text) => !stored.has(text)).length
        unsentAtKills += unsent
        maxUnsentAtKill = Math.max(maxUnsentAtKill, unsent)
        expect(duplicated, `trial ${trial}`).toBe(0)
        expect(outOfOrder, `trial ${trial}`).toBe(0)
      }
    }

    const stored = await check()
    recordFigures({
      name: 'crash-kill-nine',
      title: 'Process crashes (kill -9) with the durable outbox',
      command: 'pnpm test:chaos',
      profile: process.env.CHAOS_PROFILE ?? 'short',
      seed,
      figures: [
        ['crashes survived (SIGKILL at a random point)', trials],
        ['messages acknowledged', acknowledged.length],
        ['acknowledged messages only in the journal at a kill, summed over kills', unsentAtKills],
        ['acknowledged messages only in the journal at one kill, maximum', maxUnsentAtKill],
        ['journaled writes resent by restarts (a write cut off again by the next kill counts again)', resent],
        ['torn journal lines skipped at a restart', damagedLines],
        ['messages stored', stored.length],
        ['messages lost', lost],
        ['messages duplicated', duplicated],
        ['sessions out of order', outOfOrder],
      ],
    })

    expect(acknowledged.length).toBeGreaterThan(trials)
    // Without unsent writes at a kill, the trials would prove nothing about the journal.
    expect(maxUnsentAtKill).toBeGreaterThan(0)
    expect(lost).toBe(0)
    expect(duplicated).toBe(0)
    expect(outOfOrder).toBe(0)
  })
})
