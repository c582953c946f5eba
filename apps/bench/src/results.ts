import type { LatencyOptions } from '@agentcore-session/emulator'
import type { EmulatorBenchmarkResult } from '../../../packages/emulator/src/bench/run-emulator-benchmark'
import type { ProfileName } from './cli/profiles'
import type { RunContext } from './report/machine'
import type { IdleMemoryResult } from './scenarios/idle-memory'
import type { RestoreResult } from './scenarios/restore'
import type { StateWritesResult } from './scenarios/state-writes'
import type { TurnsModeResult } from './scenarios/turns-result'
import type { Target } from './target'
import type { ArrivalPattern } from './workload/arrival-schedule'
import type { ModelTiming } from './workload/conversation-script'

/** Everything one run measured, as written to `latest.json`. */
export interface BenchResults {
  context: RunContext
  profile: ProfileName
  settings: {
    latency: LatencyOptions
    model: ModelTiming
    turnsPerConversation: number
    arrival: ArrivalPattern
    rounds: number
    batched: { batchSize: number; flushIntervalMs: number }
    prefetchThinkTimeMs: number
    imageBytes: number
    historyMessages: number
  }
  /** One list of mode results per concurrency, in the profile's order, with staggered arrivals. */
  turns: TurnsModeResult[][]
  /** Mode results of the burst: every conversation at once, no pause between turns. */
  burst: TurnsModeResult[]
  image: TurnsModeResult[]
  history: TurnsModeResult[]
  stateWrites: StateWritesResult[]
  restore: RestoreResult[]
  idleMemory: IdleMemoryResult[]
  emulator: EmulatorBenchmarkResult
  targets: Target[]
}
