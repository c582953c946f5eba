import type { Emulator } from '@agentcore-session/emulator'
import { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore'

/**
 * Builds an AWS SDK client for the emulator with SDK retries off, because
 * core's executors retry. The emulator's config sets the endpoint, the region
 * and static dummy credentials, so the default credential chain never runs.
 */
export function emulatorClient(emulator: Emulator): BedrockAgentCoreClient {
  return new BedrockAgentCoreClient(emulator.clientConfig({ maxAttempts: 1 }))
}
