import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { MemorySession } from '@agentcore-session/core'
import { type Distribution, summarize } from '../stats/percentiles'
import { type BenchEnvironment, countBetween } from './environment'
import { buildHistory, seedSession } from './seed-session'

/** The restore limit that the targets name. */
export const restoreLimitMessages = 40

/**
 * Time between a connection opening and the first prompt in the prefetch variant, in milliseconds: a
 * deliberately short stand-in for a user typing.
 */
export const prefetchThinkTimeMs = 300

/** Figures of restoring one session length in one variant. */
export interface RestoreResult {
  events: number
  /** `null` restores every message. */
  limit: number | null
  prefetch: boolean
  /** Without prefetch: the whole restore. With prefetch: the wait left after the think time. */
  waitMs: Distribution
  /** Every `ListEvents` call of one restore, as the emulator counted them. */
  listEventsCalls: number
  /** Of those, the calls with a metadata filter: the agent-state query that runs beside a limited scan. */
  stateQueryCalls: number
  messagesRestored: number
}

/**
 * Seeds one session per length (one message per event) and times cold restores of it: every message or the
 * newest {@link restoreLimitMessages}, started on the first prompt or prefetched when the connection opens.
 */
export async function runRestore(
  env: BenchEnvironment,
  lengths: readonly number[],
  repeats: number,
  restoreLatency: () => Promise<void>,
): Promise<RestoreResult[]> {
  const results: RestoreResult[] = []
  for (const events of lengths) {
    env.progress.update('restore', `seeding a session of ${events} events`)
    const sessionId = env.nextSessionId('restore')
    await seedSession(env, sessionId, buildHistory(events), 1, restoreLatency)

    for (const limit of [null, restoreLimitMessages]) {
      for (const prefetch of [false, true]) {
        env.progress.update(
          'restore',
          `${events} events, ${limit === null ? 'full' : `limit ${limit}`}, ${prefetch ? 'prefetch' : 'on first prompt'}`,
        )
        const waits: number[] = []
        let calls = 0
        let stateQueryCalls = 0
        let messagesRestored = 0
        for (let repeat = 0; repeat < repeats; repeat += 1) {
          const before = await env.emulator.requestCounts()
          const tallyBefore = env.callCounts()
          const session = new MemorySession({
            client: env.client,
            memoryId: env.memoryId,
            actorId: env.actorId,
            sessionId,
            agentId: 'agent',
            ...(limit !== null && { restoreLimit: limit }),
          })
          if (prefetch) {
            void session.prefetch().catch(() => undefined)
            await sleep(prefetchThinkTimeMs)
          }
          const started = performance.now()
          const restored = await session.restore()
          waits.push(performance.now() - started)
          const after = await env.emulator.requestCounts()
          calls = countBetween(before, after, 'ListEvents')
          stateQueryCalls = env.callCounts().filteredListEvents - tallyBefore.filteredListEvents
          messagesRestored = restored.messages.length
          await session.close()
        }
        results.push({
          events,
          limit,
          prefetch,
          waitMs: summarize(waits),
          listEventsCalls: calls,
          stateQueryCalls,
          messagesRestored,
        })
      }
    }
  }
  return results
}
