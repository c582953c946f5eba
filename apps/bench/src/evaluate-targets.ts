import type { IdleMemoryResult } from './scenarios/idle-memory'
import { type RestoreResult, restoreLimitMessages } from './scenarios/restore'
import type { StateWritesResult } from './scenarios/state-writes'
import type { TurnsModeResult } from './scenarios/turns-result'
import { atMost, type Target } from './target'
import type { ModeName } from './workload/modes'

/** The measurements that the targets read. */
export interface TargetInputs {
  turns: TurnsModeResult[][]
  burst: TurnsModeResult[]
  image: TurnsModeResult[]
  history: TurnsModeResult[]
  stateWrites: StateWritesResult[]
  restore: RestoreResult[]
  idleMemory: IdleMemoryResult[]
}

/** Concurrency at which the targets are stated. */
export const targetConversations = 100

const find = (results: readonly TurnsModeResult[], mode: ModeName) => results.find((result) => result.mode === mode)

/** Picks the results at 100 conversations, or at the largest concurrency that ran (smaller profiles). */
export function pickTargetTurns(turns: readonly TurnsModeResult[][]): TurnsModeResult[] {
  const exact = turns.find((results) => results[0]?.conversations === targetConversations)
  if (exact !== undefined) return exact
  return [...turns].sort((a, b) => (b[0]?.conversations ?? 0) - (a[0]?.conversations ?? 0))[0] ?? []
}

function eventLoopGap(results: readonly TurnsModeResult[]): number {
  const async = find(results, 'async')
  const floor = find(results, 'no-memory')
  if (async === undefined || floor === undefined) return Number.NaN
  return async.eventLoopDelayMs.p99 - floor.eventLoopDelayMs.p99
}

const agentCoreModes: readonly ModeName[] = ['inline', 'async', 'async-batched']

/** Checks every target that the docs state against one run's measurements. */
export function evaluateTargets(inputs: TargetInputs): Target[] {
  const atTarget = pickTargetTurns(inputs.turns)
  const conversations = atTarget[0]?.conversations ?? Number.NaN
  const inline = find(atTarget, 'inline')
  const burstAsync = find(inputs.burst, 'async')
  const notes = [
    inline === undefined ? undefined : `inline: ${inline.overheadMs.p99.toFixed(2)} ms`,
    burstAsync === undefined
      ? undefined
      : `async in a burst of ${burstAsync.conversations}: ${burstAsync.overheadMs.p99.toFixed(2)} ms`,
  ].filter((note) => note !== undefined)
  const inlineNote = notes.length === 0 ? '' : ` (${notes.join('; ')})`

  const stateEvents = Math.max(
    ...[...inputs.turns.flat(), ...inputs.burst]
      .filter((result) => agentCoreModes.includes(result.mode))
      .map((r) => r.stateEventsPerSession),
    ...inputs.stateWrites.map((result) => result.writesWithoutChange),
    Number.NEGATIVE_INFINITY,
  )
  // Without a detected write in the turn that changed the state, a count of zero proves nothing.
  const detected =
    inputs.stateWrites.length > 0 &&
    inputs.stateWrites.every((result) => (result.stateEventsAfterTurn.at(-1) ?? 0) > result.writesWithoutChange)
  const limitedCalls = inputs.restore.filter((result) => result.limit === restoreLimitMessages)
  const maxLimitedCalls =
    limitedCalls.length === 0 ? Number.NaN : Math.max(...limitedCalls.map((r) => r.listEventsCalls))
  const sessionOverheads = inputs.idleMemory.filter((result) => agentCoreModes.includes(result.mode))
  const maxOverheadKb =
    sessionOverheads.length === 0
      ? Number.NaN
      : Math.max(...sessionOverheads.map((r) => r.heapOverFloorPerSession)) / 1024

  return [
    atMost(
      `Async mode: time to first token p99 over the no-memory floor, ${conversations} conversations${inlineNote}`,
      find(atTarget, 'async')?.overheadMs.p99 ?? Number.NaN,
      1,
      'ms',
    ),
    atMost(
      `Async mode: event-loop delay p99 over the floor's, ${conversations} conversations`,
      eventLoopGap(atTarget),
      2,
      'ms',
    ),
    atMost(`Async mode: event-loop delay p99 over the floor's, 1 MB image turns`, eventLoopGap(inputs.image), 2, 'ms'),
    atMost(
      `Async mode: event-loop delay p99 over the floor's, long-history turns`,
      eventLoopGap(inputs.history),
      2,
      'ms',
    ),
    atMost(
      `Batching: CreateEvent calls per turn, ${conversations} conversations`,
      find(atTarget, 'async-batched')?.createEventsPerTurn ?? Number.NaN,
      1,
      'calls',
    ),
    atMost(
      'Agent-state writes in turns that did not change the state (every AgentCore mode and scenario)',
      Number.isFinite(stateEvents) && detected ? stateEvents : Number.NaN,
      0,
      'events',
    ),
    atMost(
      `Restore with a limit of ${restoreLimitMessages} messages: ListEvents calls, longest session`,
      maxLimitedCalls,
      1,
      'calls',
    ),
    atMost('Heap per open idle session over the floor (worst AgentCore mode)', maxOverheadKb, 50, 'KB'),
  ]
}
