import type { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore'
import type { CallCounts } from '../emulator/call-tally'
import type { EmulatorChild } from '../emulator/emulator-child'
import type { ProgressLine } from '../progress'
import type { ModelTiming } from '../workload/conversation-script'

/** Memory id that the benchmark's emulator declares at start-up. */
export const benchMemoryId = 'bench_memory-AAAAAAAAAA'

/** Resources that every scenario shares: the emulator, one client, the model timing and the progress line. */
export interface BenchEnvironment {
  emulator: EmulatorChild
  client: BedrockAgentCoreClient
  /** Returns the `ListEvents` calls that `client` sent so far, split by whether they carry a filter. */
  callCounts(): CallCounts
  memoryId: string
  actorId: string
  /** Folder for the `strands-file` mode's snapshots, removed at the end of the run. */
  fileStorageDir: string
  timing: ModelTiming
  progress: ProgressLine
  /** Returns a session id that no earlier call returned, `[a-z0-9-]` only. */
  nextSessionId(label: string): string
}

/** Returns the count of `operation` requests between two `requestCounts()` snapshots. */
export function countBetween(before: Record<string, number>, after: Record<string, number>, operation: string): number {
  return (after[operation] ?? 0) - (before[operation] ?? 0)
}
