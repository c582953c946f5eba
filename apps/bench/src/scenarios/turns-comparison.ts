import type { ContentBlockData } from '@strands-agents/sdk'
import { EventLoopDelayRecorder } from '../stats/event-loop-delay'
import type { ArrivalPattern } from '../workload/arrival-schedule'
import { type Conversation, type ModeName, modeNames } from '../workload/modes'
import type { BenchEnvironment } from './environment'
import { rotate } from './rotate'
import { runTurns, type TurnsRunSample } from './turns'
import { combineSamples, compareWithFloor, type TurnsModeResult } from './turns-result'

/** Settings of a side-by-side comparison of every mode. */
export interface ComparisonOptions {
  label: string
  conversations: number
  turns: number
  rounds: number
  arrival: ArrivalPattern
  modes?: readonly ModeName[]
  prompt?: (index: number) => string | ContentBlockData[]
  create?: (mode: ModeName, sessionId: string) => Conversation | Promise<Conversation>
}

/** Runs every mode `rounds` times in a rotated order and returns one result per mode, compared with the floor. */
export async function compareModes(env: BenchEnvironment, options: ComparisonOptions): Promise<TurnsModeResult[]> {
  const modes = options.modes ?? modeNames
  const samples = new Map<ModeName, TurnsRunSample[]>(modes.map((mode) => [mode, []]))
  const recorders = new Map<ModeName, EventLoopDelayRecorder>(modes.map((mode) => [mode, new EventLoopDelayRecorder()]))

  for (let round = 0; round < options.rounds; round += 1) {
    for (const mode of rotate(modes, round)) {
      env.progress.update(options.label, `${mode}, round ${round + 1} of ${options.rounds}`)
      const sample = await runTurns(env, {
        mode,
        label: options.label,
        conversations: options.conversations,
        turns: options.turns,
        eventLoop: recorders.get(mode) as EventLoopDelayRecorder,
        arrival: options.arrival,
        // One schedule per round, the same for every mode of that round.
        seed: round + 1,
        ...(options.prompt && { prompt: options.prompt }),
        ...(options.create && { create: options.create }),
      })
      samples.get(mode)?.push(sample)
    }
  }

  return compareWithFloor(
    modes.map((mode) =>
      combineSamples(
        mode,
        options.conversations,
        samples.get(mode) ?? [],
        (recorders.get(mode) as EventLoopDelayRecorder).summary(),
        (recorders.get(mode) as EventLoopDelayRecorder).windows().map((window) => window.p99),
      ),
    ),
  )
}
