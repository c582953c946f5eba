import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { EmulatorError } from './errors'
import { runExtraction } from './extraction/run-extraction'
import { ExtractionScheduler } from './extraction/scheduler'
import { createAdminHandler } from './internal/admin'
import { Chaos } from './internal/chaos'
import { checkEmulatorOptions } from './internal/check-options'
import { Database } from './internal/database'
import { expiryCutoff } from './internal/event-row'
import { createHandlers } from './internal/handlers'
import { createRequestListener } from './internal/http-server'
import { MemoryRegistry } from './internal/memory-registry'
import type { OperationContext } from './internal/operation'
import { RequestLog } from './internal/request-log'
import type {
  EmulatorClientConfig,
  EmulatorOptions,
  FaultOptions,
  LatencyOptions,
  MemoryDefinition,
  RequestLogEntry,
} from './options'

/** A running emulator, returned by `startEmulator`. */
export interface Emulator {
  /** Base URL for the AWS SDK client's `endpoint`, for example `http://127.0.0.1:8799`. */
  readonly endpoint: string
  /** Bound TCP port. */
  readonly port: number
  /**
   * Returns `endpoint`, `region` and static dummy credentials, ready to spread
   * into `new BedrockAgentCoreClient({ ...emulator.clientConfig() })`.
   * `maxAttempts` is included when given.
   */
  clientConfig(options?: { maxAttempts?: number }): EmulatorClientConfig
  /** Creates a memory and returns its id. Such memories are dropped by `reset()`. */
  createMemory(definition?: MemoryDefinition): Promise<string>
  /** Replaces the latency settings. */
  setLatency(latency: LatencyOptions): void
  /** Replaces the fault settings. */
  setFaults(faults: FaultOptions): void
  /** Resolves when no long-term extraction is pending or running. */
  waitForExtraction(): Promise<void>
  /** Returns the number of requests per AWS operation name since start or the last `clearRequestLog()`. */
  requestCounts(): Record<string, number>
  /** Returns the logged requests in arrival order. */
  requestLog(): RequestLogEntry[]
  /** Clears the request log and the counts. */
  clearRequestLog(): void
  /** Drops every event, record, token and job, and the memories not declared at start-up. */
  reset(): Promise<void>
  /** Stops the server and closes the database; resolves when the port is free. */
  close(): Promise<void>
}

const defaultMaxBodyBytes = 10 * 1024 * 1024
const defaultRequestLogLimit = 10_000
const purgeIntervalMs = 10 * 60_000
const clientTokenRetentionMs = 24 * 3_600_000

/**
 * Starts an AgentCore Memory emulator over HTTP and resolves once it accepts
 * connections.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  checkEmulatorOptions(options)
  const host = options.host ?? '127.0.0.1'
  const port = options.port ?? 0
  const region = options.region ?? 'us-east-1'

  let db: Database
  try {
    db = new Database(options.db ?? ':memory:')
  } catch (error) {
    throw new EmulatorError(
      'START_FAILED',
      `Failed to open the database '${options.db ?? ':memory:'}': check the path and its permissions.`,
      {
        cause: error,
      },
    )
  }
  const logger = options.logger
  let memories: MemoryRegistry
  let chaos: Chaos
  try {
    chaos = new Chaos(options.seed ?? 1, options.latency, options.faults)
    memories = new MemoryRegistry(db)
    for (const definition of options.memories ?? []) memories.create(definition, { declared: true })
  } catch (error) {
    db.close()
    throw error
  }

  const scheduler = new ExtractionScheduler(
    options.extractionDelayMs ?? 0,
    (memoryId) => {
      runExtraction(context, chaos, memoryId, Date.now())
    },
    logger,
  )
  const context: OperationContext = {
    db,
    memories,
    notifyExtraction: (memoryId) => scheduler.notify(memoryId),
    namespaceMatch: options.namespaceMatch ?? 'prefix',
    region,
    logger,
  }
  const requestLog = new RequestLog(options.requestLogLimit ?? defaultRequestLogLimit)

  const emulatorApi = {
    createMemory: async (definition: MemoryDefinition = {}) => memories.create(definition, { declared: false }).id,
    setLatency: (latency: LatencyOptions) => chaos.setLatency(latency),
    setFaults: (faults: FaultOptions) => chaos.setFaults(faults),
    currentLatency: () => chaos.currentLatency(),
    currentFaults: () => chaos.currentFaults(),
    waitForExtraction: () => scheduler.waitForIdle(),
    requestCounts: () => requestLog.snapshotCounts(),
    requestLog: () => requestLog.snapshotEntries(),
    clearRequestLog: () => requestLog.clear(),
    reset: async () => {
      await scheduler.waitForIdle()
      db.transaction(() => {
        for (const table of ['events', 'sessions', 'client_tokens', 'records', 'ingests', 'extraction_jobs']) {
          db.run(`DELETE FROM ${table}`)
        }
      })
      memories.deleteUndeclared()
      // Declared memories that a test deleted through DeleteMemory come back.
      for (const definition of options.memories ?? []) {
        if (definition.id !== undefined && memories.find(definition.id) === undefined) {
          memories.create(definition, { declared: true })
        }
      }
    },
    memoryCount: () => memories.list().length,
  }

  let closing: Promise<void> | undefined
  const server = createServer(
    { keepAliveTimeout: 65_000 },
    createRequestListener({
      context,
      handlers: createHandlers(),
      chaos,
      requestLog,
      logger,
      maxBodyBytes: options.maxBodyBytes ?? defaultMaxBodyBytes,
      admin: createAdminHandler(emulatorApi),
      isClosing: () => closing !== undefined,
    }),
  )
  await listen(server, host, port).catch((error: unknown) => {
    db.close()
    throw new EmulatorError('START_FAILED', `Failed to listen on ${host}:${port}: ${(error as Error).message}.`, {
      cause: error,
    })
  })
  const boundPort = (server.address() as AddressInfo).port
  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`

  // Events stored before a restart but not yet extracted are picked up again.
  for (const row of db.all<{ memory_id: string }>(
    'SELECT DISTINCT memory_id FROM events WHERE extracted = 0 UNION SELECT DISTINCT memory_id FROM ingests WHERE extracted = 0',
  )) {
    if (memories.find(row.memory_id)?.strategies.length) scheduler.notify(row.memory_id)
  }
  logger?.info(
    { endpoint, db: options.db ?? ':memory:', memories: memories.list().map((memory) => memory.id) },
    'Emulator started.',
  )

  // Reads hide expired events at once, so this purge only reclaims their space and drops old client tokens.
  const purgeTimer = setInterval(() => {
    try {
      purgeExpiredData(db, memories, Date.now())
    } catch (error) {
      logger?.error({ err: error }, 'Failed to purge expired events and client tokens.')
    }
  }, purgeIntervalMs)
  purgeTimer.unref()

  return {
    endpoint,
    port: boundPort,
    clientConfig: (clientOptions = {}) => {
      const config: EmulatorClientConfig = {
        endpoint,
        region,
        credentials: { accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'emulator-secret' },
      }
      if (clientOptions.maxAttempts !== undefined) config.maxAttempts = clientOptions.maxAttempts
      return config
    },
    createMemory: emulatorApi.createMemory,
    setLatency: emulatorApi.setLatency,
    setFaults: emulatorApi.setFaults,
    waitForExtraction: emulatorApi.waitForExtraction,
    requestCounts: emulatorApi.requestCounts,
    requestLog: emulatorApi.requestLog,
    clearRequestLog: emulatorApi.clearRequestLog,
    reset: emulatorApi.reset,
    close: () => {
      closing ??= (async () => {
        clearInterval(purgeTimer)
        const closed = new Promise<void>((resolve) => server.close(() => resolve()))
        server.closeAllConnections()
        await closed
        await scheduler.stop()
        db.close()
        logger?.info({ endpoint }, 'Emulator stopped.')
      })()
      return closing
    },
  }
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
}

function purgeExpiredData(db: Database, memories: MemoryRegistry, now: number): void {
  for (const memory of memories.list()) {
    db.run(
      'DELETE FROM events WHERE memory_id = ? AND received_at_ms < ?',
      memory.id,
      expiryCutoff(now, memory.eventExpiryDays),
    )
  }
  // NOTE: the service does not document how long it remembers a clientToken; 24 hours is a guess.
  db.run('DELETE FROM client_tokens WHERE created_at_ms < ?', now - clientTokenRetentionMs)
}
