import { randomBytes } from 'node:crypto'
import type { ContentBlockData } from '@strands-agents/sdk'
import type { ArrivalPattern } from '../workload/arrival-schedule'
import { createConversation, type ModeName } from '../workload/modes'
import type { BenchEnvironment } from './environment'
import { buildHistory, seedSession } from './seed-session'
import { compareModes } from './turns-comparison'
import type { TurnsModeResult } from './turns-result'

/** Size of the image that each turn of the image scenario carries, in bytes. */
export const imageBytes = 1024 * 1024

/**
 * Runs turns that each carry a 1 MB image (random bytes, so nothing compresses it), every mode side by side.
 * The image stays in the history, so later turns carry every earlier image too.
 */
export function runImageTurns(
  env: BenchEnvironment,
  options: { conversations: number; turns: number; rounds: number; arrival: ArrivalPattern },
): Promise<TurnsModeResult[]> {
  const bytes = new Uint8Array(randomBytes(imageBytes))
  const prompt = (index: number): ContentBlockData[] => [
    { text: `Describe image ${index}.` },
    { image: { format: 'png', source: { bytes } } },
  ]
  return compareModes(env, { label: 'heavy: 1 MB image per turn', ...options, prompt })
}

// Seeding writes the long history as events of 50 messages, below the 100 payload items per event that the
// service allows (each message takes two items: its prose and its exact blob).
const messagesPerSeedEvent = 50

/**
 * Runs turns on top of a history of `messages` messages, every mode side by side. The AgentCore modes restore
 * the history from a seeded session before the first prompt, and the other modes start with it in memory.
 */
export function runLongHistoryTurns(
  env: BenchEnvironment,
  options: { messages: number; turns: number; rounds: number; arrival: ArrivalPattern },
  restoreLatency: () => Promise<void>,
): Promise<TurnsModeResult[]> {
  const history = buildHistory(options.messages)
  const create = async (mode: ModeName, sessionId: string) => {
    const seeded = mode === 'inline' || mode === 'async' || mode === 'async-batched'
    if (seeded) await seedSession(env, sessionId, history, messagesPerSeedEvent, restoreLatency)
    return createConversation(mode, {
      client: env.client,
      memoryId: env.memoryId,
      actorId: env.actorId,
      sessionId,
      fileStorageDir: env.fileStorageDir,
      timing: env.timing,
      ...(!seeded && { messages: structuredClone(history) }),
    })
  }
  return compareModes(env, {
    label: `heavy: ${options.messages}-message history`,
    conversations: 1,
    turns: options.turns,
    rounds: options.rounds,
    arrival: options.arrival,
    create,
  })
}
