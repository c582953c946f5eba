import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LatencyOptions } from '@agentcore-session/emulator'
import { attachCallTally } from './emulator/call-tally'
import { EmulatorChild } from './emulator/emulator-child'
import type { ProgressLine } from './progress'
import { type BenchEnvironment, benchMemoryId } from './scenarios/environment'
import type { ModelTiming } from './workload/conversation-script'

/** Latency that the emulator injects in every scenario: 50 ms ± 10 ms per call. */
export const serviceLatency: LatencyOptions = { default: { fixedMs: 50, jitterMs: 10 } }

/** Timing of the scripted model in every scenario. */
export const modelTiming: ModelTiming = { timeToFirstTokenMs: 100, tokenDelayMs: 5 }

/** A running environment and the function that tears it down. */
export interface RunningEnvironment {
  env: BenchEnvironment
  close(): Promise<void>
}

/** Starts the emulator process and a temporary folder for snapshot files. */
export async function setUpEnvironment(progress: ProgressLine, seed: number): Promise<RunningEnvironment> {
  const emulator = await EmulatorChild.start({ memories: [{ id: benchMemoryId }], latency: serviceLatency, seed })
  const client = emulator.createClient()
  const callCounts = attachCallTally(client)
  const fileStorageDir = await mkdtemp(join(tmpdir(), 'agentcore-bench-'))
  const runTag = Date.now().toString(36)
  let counter = 0
  const env: BenchEnvironment = {
    emulator,
    client,
    callCounts,
    memoryId: benchMemoryId,
    actorId: 'bench-user',
    fileStorageDir,
    timing: modelTiming,
    progress,
    nextSessionId: (label) => {
      counter += 1
      return `${label}-${runTag}-${counter}`
    },
  }
  return {
    env,
    async close() {
      client.destroy()
      await emulator.close()
      await rm(fileStorageDir, { recursive: true, force: true })
    },
  }
}
