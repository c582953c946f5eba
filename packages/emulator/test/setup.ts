import { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore'
import { afterAll, beforeEach } from 'vitest'
import { type Emulator, type EmulatorOptions, startEmulator } from '../src/index'

/** Memory id that every test emulator declares at start-up. */
export const memoryId = 'test_memory-AAAAAAAAAA'

/** Starts an emulator with one declared memory and a client that does not retry. */
export async function startTestEmulator(
  options: EmulatorOptions = {},
): Promise<{ emulator: Emulator; client: BedrockAgentCoreClient }> {
  const emulator = await startEmulator({ memories: [{ id: memoryId }], ...options })
  const client = new BedrockAgentCoreClient({ ...emulator.clientConfig({ maxAttempts: 1 }) })
  return { emulator, client }
}

/**
 * Starts a test emulator for the calling test file: it closes after the file's last test, and every test
 * starts from an empty store (memories declared at start-up stay).
 */
export async function useTestEmulator(
  options: EmulatorOptions = {},
): Promise<{ emulator: Emulator; client: BedrockAgentCoreClient }> {
  const started = await startTestEmulator(options)
  afterAll(async () => {
    started.client.destroy()
    await started.emulator.close()
  })
  beforeEach(async () => {
    await started.emulator.reset()
  })
  return started
}

/** Builds a conversational payload item. */
export function textItem(text: string, role: 'USER' | 'ASSISTANT' | 'TOOL' | 'OTHER' = 'USER') {
  return { conversational: { content: { text }, role } }
}
