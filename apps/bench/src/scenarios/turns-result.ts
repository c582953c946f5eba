import type { EventLoopDelay } from '../stats/event-loop-delay'
import { type Distribution, summarize } from '../stats/percentiles'
import type { ModeName } from '../workload/modes'
import type { TurnsRunSample } from './turns'

/** Figures of one mode at one concurrency, over every round. */
export interface TurnsModeResult {
  mode: ModeName
  conversations: number
  timeToFirstTokenMs: Distribution
  /** Time to first token minus the no-memory floor's, at p50 and p99, in milliseconds. */
  overheadMs: { p50: number; p99: number }
  /** Time to first token at p99 divided by the floor's. */
  ratioToFloorP99: number
  turnMs: Distribution
  eventLoopDelayMs: EventLoopDelay
  /** Event-loop delay p99 of each round, which shows how much the figure drifts between runs. */
  eventLoopDelayP99PerRoundMs: number[]
  createEventsPerTurn: number
  listEventsPerConversation: number
  turnsPerSecond: number
  /**
   * CPU time of the benchmark process per turn, in milliseconds. It counts work, not waiting, so it drifts
   * less than wall times on a shared machine.
   */
  cpuMsPerTurn: number
  /**
   * CPU time of the emulator's process over the wall time of the turns, where 1 is one busy core. Near 1 the
   * emulator, not the mode, limits the writes.
   */
  emulatorCpuShare: number
  /** Agent-state events in the first conversation's session after all its turns (mean over rounds). */
  stateEventsPerSession: number
  /** Peak resident set size and heap over the baseline, scaled to 1000 conversations, in bytes. */
  peakRssPer1000: number
  peakHeapPer1000: number
}

/** Adds up the samples of one mode's rounds into its result, before the floor comparison. */
export function combineSamples(
  mode: ModeName,
  conversations: number,
  samples: readonly TurnsRunSample[],
  eventLoopDelayMs: EventLoopDelay,
  eventLoopDelayP99PerRoundMs: number[] = [],
): TurnsModeResult {
  const sum = (pick: (sample: TurnsRunSample) => number) => samples.reduce((total, sample) => total + pick(sample), 0)
  const turns = sum((sample) => sample.turns)
  const elapsedMs = sum((sample) => sample.elapsedMs)
  const rounds = samples.length
  const scale = rounds === 0 ? Number.NaN : 1000 / conversations / rounds
  return {
    mode,
    conversations,
    timeToFirstTokenMs: summarize(samples.flatMap((sample) => sample.timeToFirstTokenMs)),
    overheadMs: { p50: Number.NaN, p99: Number.NaN },
    ratioToFloorP99: Number.NaN,
    turnMs: summarize(samples.flatMap((sample) => sample.turnMs)),
    eventLoopDelayMs,
    eventLoopDelayP99PerRoundMs,
    createEventsPerTurn: turns === 0 ? Number.NaN : sum((sample) => sample.createEvents) / turns,
    listEventsPerConversation:
      rounds === 0 ? Number.NaN : sum((sample) => sample.listEvents) / (conversations * rounds),
    turnsPerSecond: elapsedMs === 0 ? Number.NaN : (turns / elapsedMs) * 1000,
    cpuMsPerTurn: turns === 0 ? Number.NaN : sum((sample) => sample.cpuMs) / turns,
    emulatorCpuShare: elapsedMs === 0 ? Number.NaN : sum((sample) => sample.emulatorCpuMs) / elapsedMs,
    stateEventsPerSession: rounds === 0 ? Number.NaN : sum((sample) => sample.stateEventsInFirstSession) / rounds,
    peakRssPer1000: sum((sample) => Math.max(sample.peakRssDelta, 0)) * scale,
    peakHeapPer1000: sum((sample) => Math.max(sample.peakHeapDelta, 0)) * scale,
  }
}

/** Fills each result's overhead and ratio against the `no-memory` result of the same list. */
export function compareWithFloor(results: readonly TurnsModeResult[]): TurnsModeResult[] {
  const floor = results.find((result) => result.mode === 'no-memory')
  return results.map((result) => {
    if (floor === undefined) return result
    const floorTtft = floor.timeToFirstTokenMs
    return {
      ...result,
      overheadMs: {
        p50: result.timeToFirstTokenMs.p50 - floorTtft.p50,
        p99: result.timeToFirstTokenMs.p99 - floorTtft.p99,
      },
      ratioToFloorP99: result.timeToFirstTokenMs.p99 / floorTtft.p99,
    }
  })
}
