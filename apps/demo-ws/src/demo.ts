import type { Logger } from 'pino'
import { createConversationFactory, createModelFactory, type ModelFactory } from './agent-factory'
import type { DemoConfig } from './config'
import { type MemoryBackendOptions, openMemoryBackend } from './memory-backend'
import type { OfflineModelDelays } from './offline-model'
import { type DemoServer, type DemoServerOptions, startDemoServer } from './server/demo-server'
import { loadTokenSecret, SessionTokens } from './session-token'
import { describeListenError } from './start-error'

/** Token lifetime: 30 days, so a person who comes back within a month resumes the conversation. */
const tokenTtlMs = 30 * 24 * 60 * 60 * 1000

/** Extra settings for tests and benchmarks that the environment does not set. */
export interface DemoOverrides {
  /** Emulator latency. */
  latency?: MemoryBackendOptions['latency']
  /** Offline model pacing. */
  offlineDelays?: OfflineModelDelays
  /** Server limits. */
  limits?: DemoServerOptions['limits']
  /** Model source that replaces the configured one, for example a scripted test model. */
  models?: ModelFactory
}

/** A running demo: the server and the memory behind it. */
export interface RunningDemo {
  /** The HTTP and WebSocket server. */
  readonly server: DemoServer
  /** The memory backend, with the emulator when it runs in-process. */
  readonly memory: Awaited<ReturnType<typeof openMemoryBackend>>
  /** Description of the model for the start-up log. */
  readonly modelLabel: string
  /** Stops the server (flushing every session), then closes the memory backend. */
  close(): Promise<void>
}

/** Starts the memory backend and the server for a configuration. */
export async function startDemo(
  config: DemoConfig,
  logger: Logger,
  overrides: DemoOverrides = {},
): Promise<RunningDemo> {
  const secret = await loadTokenSecret(config.dataDir, config.tokenSecret)
  const memory = await openMemoryBackend(config.memory, {
    logger,
    ...(overrides.latency ? { latency: overrides.latency } : {}),
  })
  const models = overrides.models ?? createModelFactory(config.model, overrides.offlineDelays)

  let server: DemoServer
  try {
    server = await startDemoServer({
      host: config.host,
      port: config.port,
      allowedOrigins: config.allowedOrigins,
      tokens: new SessionTokens({ secret, ttlMs: tokenTtlMs }),
      createConversation: createConversationFactory({ memory, models, logger }),
      logger,
      ...(overrides.limits ? { limits: overrides.limits } : {}),
    })
  } catch (error) {
    await memory.close()
    throw describeListenError(error, config.host, config.port)
  }

  return {
    server,
    memory,
    modelLabel: models.label,
    close: async () => {
      await server.close()
      await memory.close()
    },
  }
}
