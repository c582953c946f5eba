import { type Emulator, startEmulator } from '@agentcore-session/emulator'
import type { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startScript } from '../support/child-process'
import { emulatorClient } from '../support/emulator-client'
import { recordFigures } from '../support/results'
import { seededRandom, seedFromEnvironment } from '../support/seeded-random'
import { readStoredMessages } from '../support/stored-messages'

const agentScript = 'src/crash/agent-script.ts'
const trials = process.env.CHAOS_PROFILE === 'full' ? 10 : 3
const seed = seedFromEnvironment('CRASH_SEED')
const actorId = 'sigterm-actor'
let emulator: Emulator
let client: BedrockAgentCoreClient

beforeAll(async () => {
  // Slow writes keep a backlog queued behind the agent, so SIGTERM arrives while writes are pending.
  emulator = await startEmulator({ seed, latency: { perOperation: { CreateEvent: { fixedMs: 40, jitterMs: 20 } } } })
  client = emulatorClient(emulator)
})

afterAll(async () => {
  client?.destroy()
  await emulator?.close()
})

describe(`SIGTERM mid-turn in a plain script (${trials} trials, seed ${seed})`, () => {
  it('drains every accepted message before exit', { timeout: 300_000 }, async () => {
    console.info(`SIGTERM: ${trials} trials, seed ${seed}; set CRASH_SEED=${seed} to repeat the signal points`)
    const random = seededRandom(seed)
    const memoryId = await emulator.createMemory({ name: 'sigterm' })
    let accepted = 0
    let pendingAtSignal = 0
    let lost = 0
    let duplicated = 0
    let mismatched = 0

    for (let trial = 1; trial <= trials; trial += 1) {
      const sessionId = `sigterm-${seed}-${trial}`
      const script = startScript(agentScript, [emulator.endpoint, memoryId, actorId, sessionId])
      // Signal during a turn: after turn 2 to 4 started and a random part of it has streamed.
      const turn = 2 + Math.floor(random() * 3)
      await script.waitForLine((line) => line === `turn-start ${turn}`, 60_000)
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 40)))
      const addedAtSignal = script.lines.filter((line) => line.startsWith('added ')).length
      const storedAtSignal = (await readStoredMessages(client, memoryId, actorId, sessionId)).length
      script.child.kill('SIGTERM')
      pendingAtSignal += Math.max(0, addedAtSignal - storedAtSignal)

      const status = await script.exited
      expect(status, script.stderr()).toBe(0)
      expect(script.lines.at(-1)).toBe('drained')
      const added = script.lines.filter((line) => line.startsWith('added ')).map((line) => line.slice(6))
      const messagesLine = script.lines.find((line) => line.startsWith('messages '))
      const finalTexts = JSON.parse(messagesLine?.slice('messages '.length) ?? '[]') as string[]
      const stored = (await readStoredMessages(client, memoryId, actorId, sessionId)).map((message) => message.text)
      accepted += added.length
      lost += added.filter((text) => !stored.includes(text)).length
      duplicated += stored.length - new Set(stored).size
      if (JSON.stringify(stored) !== JSON.stringify(finalTexts)) {
        mismatched += 1
      }
    }

    recordFigures({
      name: 'crash-sigterm',
      title: 'SIGTERM mid-turn, plain script in async mode',
      command: 'pnpm test:chaos',
      profile: process.env.CHAOS_PROFILE ?? 'short',
      seed,
      figures: [
        ['SIGTERMs sent mid-turn', trials],
        ['messages accepted', accepted],
        ['accepted messages not yet stored at the signal', pendingAtSignal],
        ['messages lost', lost],
        ['messages duplicated', duplicated],
        ['sessions whose storage differs from the agent', mismatched],
      ],
    })

    expect(pendingAtSignal).toBeGreaterThan(0)
    expect(lost).toBe(0)
    expect(duplicated).toBe(0)
    expect(mismatched).toBe(0)
  })
})
