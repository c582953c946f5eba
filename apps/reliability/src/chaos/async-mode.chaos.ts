import { BackgroundExecutor } from '@agentcore-session/core'
import { type Emulator, startEmulator } from '@agentcore-session/emulator'
import type { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emulatorClient } from '../support/emulator-client'
import { recordFigures } from '../support/results'
import { seedFromEnvironment } from '../support/seeded-random'
import { readStoredMessages } from '../support/stored-messages'
import { backgroundFaults, chaosProfile } from './chaos-profile'
import { Conversation } from './conversation'
import { countFaults, driveConversations } from './run-conversations'

const profile = chaosProfile()
const seed = seedFromEnvironment('CHAOS_SEED')
let emulator: Emulator
let client: BedrockAgentCoreClient

beforeAll(async () => {
  emulator = await startEmulator({ seed, requestLogLimit: 10_000_000 })
  client = emulatorClient(emulator)
})

afterAll(async () => {
  client?.destroy()
  await emulator?.close()
})

describe(`async mode under faults (${profile.name} profile, seed ${seed})`, () => {
  it('stores every accepted message once, in order', { timeout: profile.deadlineMs + 60_000 }, async () => {
    console.info(`chaos async: profile ${profile.name}, seed ${seed}; set CHAOS_SEED=${seed} to repeat the faults`)
    const memoryId = await emulator.createMemory({ name: 'chaos_async' })
    // Retries must outlast the outage plus the faults around it; 20 attempts span about 80 s of backoff.
    const executor = new BackgroundExecutor({ maxAttempts: 20, retryBudgetMs: 120_000 })
    const conversations = Array.from(
      { length: profile.conversations },
      (_, index) => new Conversation({ client, memoryId, executor }, `async-${seed}`, index),
    )
    emulator.setFaults(backgroundFaults)
    const { runs, outage } = await driveConversations(conversations, {
      profile,
      emulator,
      // Enough attempts, 500 ms apart, to outlast the outage for a first turn whose restore read it hits.
      attemptsPerTurn: 40,
    })
    await executor.flush()
    await Promise.all(conversations.map((conversation) => conversation.manager.close()))
    emulator.setFaults({})
    const faults = countFaults(emulator)

    let expectedMessages = 0
    let storedCopies = 0
    let lost = 0
    let duplicated = 0
    let outOfOrder = 0
    for (const { conversation } of runs) {
      const expected = conversation.texts()
      const stored = await readStoredMessages(client, memoryId, conversation.actorId, conversation.sessionId)
      const storedTexts = stored.map((message) => message.text)
      expectedMessages += expected.length
      storedCopies += stored.length
      lost += expected.filter((text) => !storedTexts.includes(text)).length
      duplicated += storedTexts.length - new Set(storedTexts).size
      if (JSON.stringify(storedTexts) !== JSON.stringify(expected)) {
        outOfOrder += 1
      }
    }
    const failedTurns = runs.flatMap((run) => run.turns).filter((turn) => !turn.ok)
    const stats = executor.stats()
    await executor.close()

    recordFigures({
      name: 'chaos-async',
      title: 'Service faults, async mode',
      command: 'pnpm test:chaos',
      profile: profile.name,
      seed,
      figures: [
        ['conversations × turns', `${profile.conversations} × ${profile.turns}`],
        ['full outage (every request 500)', `${outage.durationMs} ms after ${outage.startedAfterTurns} turns`],
        ['throttling responses injected (429)', faults.throttled],
        ['service errors injected (500, outage included)', faults.serviceErrors],
        ['connections dropped', faults.dropped],
        ['turns sent again after a failed restore read', failedTurns.length],
        ['error codes of those turns', [...new Set(failedTurns.map((turn) => turn.error))].sort().join(', ') || 'none'],
        ['messages accepted', expectedMessages],
        ['writes retried by the executor', stats.retried],
        ['messages lost', lost],
        ['messages duplicated', duplicated],
        ['sessions out of order', outOfOrder],
      ],
    })

    expect(faults.throttled).toBeGreaterThan(0)
    expect(faults.dropped).toBeGreaterThan(0)
    expect(lost).toBe(0)
    expect(duplicated).toBe(0)
    expect(outOfOrder).toBe(0)
    expect(storedCopies).toBe(expectedMessages)
    // Every turn eventually succeeded; a failed attempt can only be a restore read, before anything was accepted.
    for (const run of runs) {
      expect(run.turns.filter((turn) => turn.ok)).toHaveLength(profile.turns)
    }
    for (const turn of failedTurns) {
      expect(turn.texts).toEqual([])
    }
    // The counters add up: every accepted write settled, and none failed.
    expect(stats.failed).toBe(0)
    expect(stats.queued).toBe(0)
    expect(stats.inFlight).toBe(0)
    expect(stats.queuedBytes).toBe(0)
    expect(stats.written).toBe(stats.writeLatencyMs.count)
    expect(stats.written).toBeGreaterThanOrEqual(expectedMessages / 100)
    expect(stats.retried).toBeGreaterThan(0)
  })
})
