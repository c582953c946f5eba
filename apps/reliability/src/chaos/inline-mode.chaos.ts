import { InlineExecutor } from '@agentcore-session/core'
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

describe(`inline mode under faults (${profile.name} profile, seed ${seed})`, () => {
  it('fails turns loudly, never half-stored', { timeout: profile.deadlineMs + 60_000 }, async () => {
    console.info(`chaos inline: profile ${profile.name}, seed ${seed}; set CHAOS_SEED=${seed} to repeat the faults`)
    const memoryId = await emulator.createMemory({ name: 'chaos_inline' })
    // A short retry budget, so writes during the outage give up and their turns fail with the error.
    const executor = new InlineExecutor({ maxAttempts: 4, retryBudgetMs: 1_000 })
    const conversations = Array.from(
      { length: profile.conversations },
      (_, index) => new Conversation({ client, memoryId, executor }, `inline-${seed}`, index),
    )
    emulator.setFaults(backgroundFaults)
    const { runs, outage } = await driveConversations(conversations, { profile, emulator, attemptsPerTurn: 1 })
    await Promise.all(conversations.map((conversation) => conversation.manager.close().catch(() => {})))
    emulator.setFaults({})
    const faults = countFaults(emulator)

    let succeededTurns = 0
    let failedTurns = 0
    let failedTurnsPartlyStored = 0
    let halfStoredSilently = 0
    let duplicated = 0
    let outOfOrder = 0
    const errorCodes = new Set<string>()
    for (const run of runs) {
      const stored = await readStoredMessages(client, memoryId, run.conversation.actorId, run.conversation.sessionId)
      const storedTexts = stored.map((message) => message.text)
      duplicated += storedTexts.length - new Set(storedTexts).size
      // Stored messages must appear in the order the agent added them.
      const agentTexts = run.conversation.texts()
      const positions = storedTexts.map((text) => agentTexts.indexOf(text))
      if (positions.some((position, index) => position < 0 || (index > 0 && position <= positions[index - 1]!))) {
        outOfOrder += 1
      }
      for (const turn of run.turns) {
        const storedOfTurn = turn.texts.filter((text) => storedTexts.includes(text)).length
        if (turn.ok) {
          succeededTurns += 1
          if (storedOfTurn !== turn.texts.length || turn.texts.length === 0) {
            halfStoredSilently += 1
          }
        } else {
          failedTurns += 1
          errorCodes.add(turn.error ?? 'unknown')
          if (storedOfTurn > 0) {
            failedTurnsPartlyStored += 1
          }
        }
      }
    }
    const stats = executor.stats()

    recordFigures({
      name: 'chaos-inline',
      title: 'Service faults, inline mode',
      command: 'pnpm test:chaos',
      profile: profile.name,
      seed,
      figures: [
        ['conversations × turns', `${profile.conversations} × ${profile.turns}`],
        ['full outage (every request 500)', `${outage.durationMs} ms after ${outage.startedAfterTurns} turns`],
        ['throttling responses injected (429)', faults.throttled],
        ['service errors injected (500, outage included)', faults.serviceErrors],
        ['connections dropped', faults.dropped],
        ['turns succeeded, every message stored', succeededTurns],
        ['turns failed with an error', failedTurns],
        ['failed turns with some messages stored (the error reports the rest)', failedTurnsPartlyStored],
        ['error codes of failed turns', [...errorCodes].sort().join(', ') || 'none'],
        ['turns half-stored silently', halfStoredSilently],
        ['messages duplicated', duplicated],
        ['sessions out of order', outOfOrder],
      ],
    })

    expect(faults.throttled).toBeGreaterThan(0)
    expect(halfStoredSilently).toBe(0)
    expect(duplicated).toBe(0)
    expect(outOfOrder).toBe(0)
    expect(succeededTurns + failedTurns).toBe(profile.conversations * profile.turns)
    expect(succeededTurns).toBeGreaterThan(0)
    // The outage is longer than the retry budget, so some turns must fail, and each one with a write error.
    expect(failedTurns).toBeGreaterThan(0)
    expect([...errorCodes]).toEqual(expect.arrayContaining(['WRITE_FAILED']))
    expect(stats.failed).toBeGreaterThan(0)
    expect(stats.queued).toBe(0)
    expect(stats.inFlight).toBe(0)
  })
})
