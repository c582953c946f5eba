import { runEmulatorBenchmark } from '../../../packages/emulator/src/bench/run-emulator-benchmark'
import type { Profile } from './cli/profiles'
import { evaluateTargets } from './evaluate-targets'
import type { ProgressLine } from './progress'
import { currentLoadAverage, describeRun } from './report/machine'
import type { BenchResults } from './results'
import { imageBytes, runImageTurns, runLongHistoryTurns } from './scenarios/heavy-payloads'
import { runIdleMemory } from './scenarios/idle-memory'
import { prefetchThinkTimeMs, runRestore } from './scenarios/restore'
import { runStateWrites } from './scenarios/state-writes'
import { compareModes } from './scenarios/turns-comparison'
import type { TurnsModeResult } from './scenarios/turns-result'
import { modelTiming, serviceLatency, setUpEnvironment } from './setup-environment'
import { burst } from './workload/arrival-schedule'
import { batchedOptions } from './workload/modes'

// Concurrency of the emulator's own throughput benchmark.
const emulatorConcurrency = 16

/** Runs every scenario of `profile` and returns the results with the targets evaluated. */
export async function runBenchmark(
  profile: Profile,
  options: { command: string; seed: number; progress: ProgressLine },
): Promise<BenchResults> {
  const { progress } = options
  const loadAtStart = currentLoadAverage()
  const running = await setUpEnvironment(progress, options.seed)
  const { env } = running
  const restoreLatency = () => env.emulator.setLatency(serviceLatency)
  let turns: TurnsModeResult[][] = []
  let burstTurns: TurnsModeResult[] = []
  let image: TurnsModeResult[] = []
  let history: TurnsModeResult[] = []
  let restore: BenchResults['restore'] = []
  let idleMemory: BenchResults['idleMemory'] = []
  let stateWrites: BenchResults['stateWrites'] = []
  try {
    for (const conversations of profile.conversations) {
      turns = [
        ...turns,
        await compareModes(env, {
          label: `turns: ${conversations} conversations`,
          conversations,
          turns: profile.turns,
          rounds: profile.rounds,
          arrival: profile.arrival,
        }),
      ]
    }
    burstTurns = await compareModes(env, {
      label: `burst: ${profile.burstConversations} conversations`,
      conversations: profile.burstConversations,
      turns: profile.turns,
      rounds: profile.rounds,
      arrival: burst,
    })
    image = await runImageTurns(env, {
      conversations: profile.imageConversations,
      turns: 2,
      rounds: profile.rounds,
      arrival: profile.arrival,
    })
    history = await runLongHistoryTurns(
      env,
      {
        messages: profile.historyMessages,
        turns: profile.historyTurns,
        rounds: profile.rounds,
        arrival: profile.arrival,
      },
      restoreLatency,
    )
    stateWrites = await runStateWrites(env)
    restore = await runRestore(env, profile.restoreEvents, profile.restoreRepeats, restoreLatency)
    idleMemory = await runIdleMemory(env, profile.idleSessions)
  } finally {
    await running.close()
  }

  progress.update('emulator throughput', `${profile.emulatorDurationMs} ms, ${emulatorConcurrency} in flight`)
  const emulator = await runEmulatorBenchmark({
    durationMs: profile.emulatorDurationMs,
    concurrency: emulatorConcurrency,
  })

  return {
    context: describeRun(options.command, loadAtStart),
    profile: profile.name,
    settings: {
      latency: serviceLatency,
      model: modelTiming,
      turnsPerConversation: profile.turns,
      arrival: profile.arrival,
      rounds: profile.rounds,
      batched: { ...batchedOptions },
      prefetchThinkTimeMs,
      imageBytes,
      historyMessages: profile.historyMessages,
    },
    turns,
    burst: burstTurns,
    image,
    history,
    stateWrites,
    restore,
    idleMemory,
    emulator,
    targets: evaluateTargets({ turns, burst: burstTurns, image, history, stateWrites, restore, idleMemory }),
  }
}
