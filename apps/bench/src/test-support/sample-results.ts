import type { BenchResults } from '../results'
import type { IdleMemoryResult } from '../scenarios/idle-memory'
import type { RestoreResult } from '../scenarios/restore'
import type { TurnsModeResult } from '../scenarios/turns-result'
import { summarize } from '../stats/percentiles'
import type { ModeName } from '../workload/modes'

/** Builds a mode result with round figures, with `overrides` replacing any field. */
export function modeResult(
  mode: ModeName,
  conversations: number,
  overrides: Partial<TurnsModeResult> = {},
): TurnsModeResult {
  return {
    mode,
    conversations,
    timeToFirstTokenMs: summarize([100, 101, 102]),
    overheadMs: { p50: 0, p99: 0 },
    ratioToFloorP99: 1,
    turnMs: summarize([200, 210]),
    eventLoopDelayMs: { p50: 1, p99: 3, max: 9 },
    eventLoopDelayP99PerRoundMs: [2, 4],
    createEventsPerTurn: 2.5,
    listEventsPerConversation: 1,
    turnsPerSecond: 40,
    cpuMsPerTurn: 3,
    emulatorCpuShare: 0.1,
    stateEventsPerSession: 0,
    peakRssPer1000: 300 * 2 ** 20,
    peakHeapPer1000: 200 * 2 ** 20,
    ...overrides,
  }
}

/** Builds one result per mode at one concurrency. */
export function allModes(conversations: number): TurnsModeResult[] {
  return [
    modeResult('no-memory', conversations),
    modeResult('inline', conversations, { overheadMs: { p50: 55, p99: 62 } }),
    modeResult('async', conversations, { overheadMs: { p50: 0.2, p99: 0.6 } }),
    modeResult('async-batched', conversations, { createEventsPerTurn: 0.5 }),
    modeResult('strands-file', conversations, { createEventsPerTurn: 0 }),
  ]
}

/** Builds a restore result. */
export function restoreResult(events: number, limit: number | null, calls: number): RestoreResult {
  return {
    events,
    limit,
    prefetch: false,
    waitMs: summarize([55]),
    listEventsCalls: calls,
    stateQueryCalls: 0,
    messagesRestored: 40,
  }
}

/** Builds an idle-memory result. */
export function idleResult(mode: ModeName, heapOverFloorPerSession: number): IdleMemoryResult {
  return { mode, sessions: 10, heapPerSession: 100_000, rssPerSession: 120_000, heapOverFloorPerSession }
}

/** Builds a complete result set, as a run would write it. */
export function sampleResults(): BenchResults {
  return {
    context: {
      command: 'pnpm bench',
      date: '2026-12-04T20:00:00.000Z',
      node: 'v24.0.0',
      cpuModel: 'Test CPU',
      cores: 2,
      memoryGiB: 4,
      loadAverage: { start: 5.5, end: 6 },
    },
    profile: 'quick',
    settings: {
      latency: { default: { fixedMs: 50, jitterMs: 10 } },
      model: { timeToFirstTokenMs: 100, tokenDelayMs: 5 },
      turnsPerConversation: 4,
      arrival: { spreadMs: 1000, thinkMs: [200, 800] },
      rounds: 2,
      batched: { batchSize: 8, flushIntervalMs: 1000 },
      prefetchThinkTimeMs: 300,
      imageBytes: 1024 * 1024,
      historyMessages: 1000,
    },
    turns: [allModes(1), allModes(100)],
    burst: allModes(100),
    image: allModes(10),
    history: allModes(1),
    stateWrites: [
      { mode: 'inline', changedBeforeTurn: 2, stateEventsAfterTurn: [0, 0, 1, 1], writesWithoutChange: 0 },
      { mode: 'async', changedBeforeTurn: 2, stateEventsAfterTurn: [0, 0, 1, 1], writesWithoutChange: 0 },
    ],
    restore: [restoreResult(100, null, 1), restoreResult(100, 40, 1), restoreResult(1000, 40, 1)],
    idleMemory: [idleResult('no-memory', 0), idleResult('inline', 20_000), idleResult('async', 30_000)],
    emulator: {
      durationMs: 1000,
      concurrency: 16,
      operations: [
        {
          operation: 'CreateEvent',
          requests: 900,
          errors: 0,
          throughputPerSecond: 900,
          latencyMs: { p50: 1, p90: 2, p99: 3, max: 4, mean: 1.5 },
        },
      ],
    },
    targets: [],
  }
}
