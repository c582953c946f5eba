import { setTimeout as sleep } from 'node:timers/promises'
import { collectGarbage } from '../stats/memory-sampler'
import { promptOf } from '../workload/conversation-script'
import { type Conversation, createConversation, type ModeName, modeNames } from '../workload/modes'
import { runTurn } from '../workload/run-turn'
import type { BenchEnvironment } from './environment'

/** Memory that open idle conversations of one mode keep, after a full garbage collection. */
export interface IdleMemoryResult {
  mode: ModeName
  sessions: number
  /** Heap per open conversation (agent, model and session manager), in bytes. */
  heapPerSession: number
  /** Resident set size per open conversation, in bytes. It is noisier than the heap figure. */
  rssPerSession: number
  /** Heap per conversation minus the no-memory floor's: what the session manager itself keeps, in bytes. */
  heapOverFloorPerSession: number
}

// Let the background executors finish their writes and timers before measuring.
const settleMs = 300

/**
 * Opens `sessions` conversations of each mode, plays one turn in each, waits until their writes are durable,
 * and measures the heap they keep while idle. Conversations stay referenced until measured.
 */
export async function runIdleMemory(env: BenchEnvironment, sessions: number): Promise<IdleMemoryResult[]> {
  const results: IdleMemoryResult[] = []
  for (const mode of modeNames) {
    env.progress.update('idle memory', `${sessions} open ${mode} sessions`)
    collectGarbage()
    const before = process.memoryUsage()
    const conversations: Conversation[] = []
    for (let index = 0; index < sessions; index += 1) {
      conversations.push(
        createConversation(mode, {
          client: env.client,
          memoryId: env.memoryId,
          actorId: env.actorId,
          sessionId: env.nextSessionId(`idle-${mode}`),
          fileStorageDir: env.fileStorageDir,
          timing: env.timing,
        }),
      )
    }
    await Promise.all(conversations.map((conversation) => conversation.open()))
    await Promise.all(conversations.map((conversation) => runTurn(conversation.agent, promptOf(0))))
    await Promise.all(conversations.map((conversation) => conversation.manager?.flush()))
    await sleep(settleMs)
    collectGarbage()
    const after = process.memoryUsage()
    results.push({
      mode,
      sessions,
      heapPerSession: (after.heapUsed - before.heapUsed) / sessions,
      rssPerSession: (after.rss - before.rss) / sessions,
      heapOverFloorPerSession: Number.NaN,
    })
    await Promise.all(conversations.map((conversation) => conversation.close()))
    conversations.length = 0
  }
  const floor = results.find((result) => result.mode === 'no-memory')
  return results.map((result) => ({
    ...result,
    heapOverFloorPerSession: floor === undefined ? Number.NaN : result.heapPerSession - floor.heapPerSession,
  }))
}
