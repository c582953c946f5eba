import { MemorySession } from '@agentcore-session/core'
import type { BenchEnvironment } from './environment'

/** A text-only message, a shape that both core and Strands accept. */
export interface TextMessage {
  role: 'user' | 'assistant'
  content: { text: string }[]
}

/** Builds `count` alternating user and assistant text messages of about 90 characters each. */
export function buildHistory(count: number): TextMessage[] {
  return Array.from({ length: count }, (_, index) => ({
    role: index % 2 === 0 ? ('user' as const) : ('assistant' as const),
    content: [
      { text: `History message ${index}: a line of ordinary chat text, long enough to look like a real turn.` },
    ],
  }))
}

/**
 * Writes `messages` to a new session with the emulator's latency off, `messagesPerEvent` messages per
 * `CreateEvent`, and restores the latency afterwards.
 */
export async function seedSession(
  env: BenchEnvironment,
  sessionId: string,
  messages: readonly TextMessage[],
  messagesPerEvent: number,
  restoreLatency: () => Promise<void>,
): Promise<void> {
  await env.emulator.setLatency({})
  try {
    const session = new MemorySession({
      client: env.client,
      memoryId: env.memoryId,
      actorId: env.actorId,
      sessionId,
      agentId: 'agent',
      batchSize: messagesPerEvent,
    })
    for (const message of messages) await session.appendMessage(message)
    await session.close()
  } finally {
    await restoreLatency()
  }
}
