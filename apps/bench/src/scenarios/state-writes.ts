import { promptOf } from '../workload/conversation-script'
import { createConversation, type ModeName } from '../workload/modes'
import { runTurn } from '../workload/run-turn'
import type { BenchEnvironment } from './environment'
import { countStateEvents } from './turns'

/** Agent-state events of one conversation, read back after each turn. */
export interface StateWritesResult {
  mode: ModeName
  /** Zero-based turn before which the harness changes the agent's app state. No other turn changes it. */
  changedBeforeTurn: number
  /** Agent-state events in the session after each turn, counted since the session began. */
  stateEventsAfterTurn: number[]
  /** Agent-state events written in turns that did not change the state. */
  writesWithoutChange: number
}

const turns = 4
const changedBeforeTurn = 2
const modes: readonly ModeName[] = ['inline', 'async', 'async-batched']

/**
 * Plays four turns per AgentCore mode, changes the app state once between two turns, and counts the
 * agent-state events after each flushed turn. The one expected write shows that the count can see a write,
 * so a count of zero in the other turns means that no write happened.
 */
export async function runStateWrites(env: BenchEnvironment): Promise<StateWritesResult[]> {
  const results: StateWritesResult[] = []
  for (const mode of modes) {
    env.progress.update('agent-state writes', mode)
    const sessionId = env.nextSessionId(`state-${mode}`)
    const conversation = createConversation(mode, {
      client: env.client,
      memoryId: env.memoryId,
      actorId: env.actorId,
      sessionId,
      fileStorageDir: env.fileStorageDir,
      timing: env.timing,
    })
    await conversation.open()
    const stateEventsAfterTurn: number[] = []
    for (let turn = 0; turn < turns; turn += 1) {
      if (turn === changedBeforeTurn) conversation.agent.appState.set('plan', 'premium')
      await runTurn(conversation.agent, promptOf(turn))
      await conversation.manager?.flush()
      stateEventsAfterTurn.push(await countStateEvents(env, sessionId))
    }
    await conversation.close()
    results.push({
      mode,
      changedBeforeTurn,
      stateEventsAfterTurn,
      writesWithoutChange: writesOutside(stateEventsAfterTurn, changedBeforeTurn),
    })
  }
  return results
}

/** Adds up the new events of every turn except `changedTurn`, from cumulative counts. */
export function writesOutside(cumulative: readonly number[], changedTurn: number): number {
  let writes = 0
  for (let turn = 0; turn < cumulative.length; turn += 1) {
    const added = (cumulative[turn] ?? 0) - (turn === 0 ? 0 : (cumulative[turn - 1] ?? 0))
    if (turn !== changedTurn) writes += added
  }
  return writes
}
