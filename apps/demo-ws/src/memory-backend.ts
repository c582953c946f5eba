import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { type Emulator, type LatencyOptions, startEmulator } from '@agentcore-session/emulator'
import { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore'
import type { Logger } from 'pino'
import type { MemoryConfig } from './config'

/** Conversation store, with the client that reaches it. */
export interface MemoryBackend {
  /** Memory id that every conversation uses. */
  readonly memoryId: string
  /** AWS SDK client for the memory's data plane. */
  readonly client: BedrockAgentCoreClient
  /** Description of the store for the start-up log. */
  readonly label: string
  /** The in-process emulator, when the demo runs without AWS. */
  readonly emulator: Emulator | undefined
  /** Destroys the client and stops the emulator; resolves when its port is free. */
  close(): Promise<void>
}

/** Memory id of the emulator's demo memory. */
export const demoMemoryId = 'demo_memory-AAAAAAAAAA'

/** Long-term namespaces of the demo memory, one per strategy. */
export const demoNamespaces = {
  facts: '/users/{actorId}/facts/',
  preferences: '/users/{actorId}/preferences/',
} as const

/** Latency the emulator adds to each call by default, so the demo shows what async mode saves. */
export const demoLatency: LatencyOptions = { default: { fixedMs: 80, jitterMs: 20 } }

/** Options of {@link openMemoryBackend}. */
export interface MemoryBackendOptions {
  /** Logger for the emulator's start, stop and errors. */
  logger: Logger
  /** Emulator latency; {@link demoLatency} when absent. */
  latency?: LatencyOptions
}

/**
 * Opens the configured memory: AgentCore Memory through the standard credential chain, or an emulator started
 * in-process with a memory that has semantic and user-preference strategies.
 */
export async function openMemoryBackend(config: MemoryConfig, options: MemoryBackendOptions): Promise<MemoryBackend> {
  if (config.kind === 'aws') {
    // NOTE: the tests check this client's settings but never send it a request, so this path is untried
    // against the real service. Every other line of the demo is shared with the emulator path.
    const client = new BedrockAgentCoreClient({ region: config.region })
    return {
      memoryId: config.memoryId,
      client,
      label: `AgentCore Memory ${config.memoryId} in ${config.region}`,
      emulator: undefined,
      close: async () => client.destroy(),
    }
  }

  if (config.db !== ':memory:') await mkdir(dirname(config.db), { recursive: true })
  const emulator = await startEmulator({
    db: config.db,
    memories: [
      {
        id: demoMemoryId,
        strategies: [
          { type: 'semantic', namespace: demoNamespaces.facts },
          { type: 'userPreference', namespace: demoNamespaces.preferences },
        ],
      },
    ],
    latency: options.latency ?? demoLatency,
    logger: options.logger.child({ component: 'emulator' }),
  })
  const client = new BedrockAgentCoreClient({ ...emulator.clientConfig() })
  return {
    memoryId: demoMemoryId,
    client,
    label: `embedded emulator at ${emulator.endpoint} (memory ${demoMemoryId}, ${config.db === ':memory:' ? 'in memory' : config.db})`,
    emulator,
    close: async () => {
      client.destroy()
      await emulator.close()
    },
  }
}
