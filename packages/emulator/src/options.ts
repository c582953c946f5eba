/** Kinds of long-term memory strategy that the emulator extracts. */
export type StrategyKind = 'semantic' | 'userPreference' | 'summary'

/** A long-term memory strategy of a memory. */
export interface StrategyDefinition {
  /** Kind of records the strategy extracts: facts, preferences or session summaries. */
  type: StrategyKind
  /**
   * Namespace template of the records, with `{actorId}`, `{sessionId}`,
   * `{memoryStrategyId}` or custom placeholders filled from the event's
   * `extractionConfig.namespaceVariables`, for example `/users/{actorId}/facts/`.
   */
  namespace: string
  /** Strategy id; defaults to `<type>_strategy-<10 alphanumerics>`. */
  id?: string
  /** Strategy name; defaults to the id without its random suffix. */
  name?: string
}

/** A memory to create, at start-up or through `createMemory`. */
export interface MemoryDefinition {
  /** Memory id `<name>-<10 alphanumerics>`; defaults to `<name>-<10 random alphanumerics>`. */
  id?: string
  /** Memory name; defaults to the part of the id before the last `-`, or `memory`. */
  name?: string
  /** Long-term strategies; none means short-term memory only. */
  strategies?: StrategyDefinition[]
  /** Days after which events expire, 1 to 365; defaults to 90. */
  eventExpiryDays?: number
}

/** Added latency of one operation. */
export interface LatencySpec {
  /** Fixed delay in milliseconds. */
  fixedMs?: number
  /** Upper bound in milliseconds of a uniform random delay added to `fixedMs`, drawn from the seeded generator. */
  jitterMs?: number
}

/** Delay that the emulator adds before it sends a response. */
export interface LatencyOptions {
  /** Latency of every AWS operation without its own entry. */
  default?: LatencySpec
  /** Latency per AWS operation name, for example `{ ListEvents: { fixedMs: 5 } }`. */
  perOperation?: Record<string, LatencySpec>
}

/** Injected failures, as probabilities from 0 to 1 drawn per request from the seeded generator. */
export interface FaultOptions {
  /** Rate of `ThrottledException` (429). */
  throttleRate?: number
  /** Rate of `ServiceException` (500). */
  serviceErrorRate?: number
  /** Rate of `ServiceQuotaExceededException` (402). */
  quotaExceededRate?: number
  /** Rate of `RetryableConflictException` (409); applies to `CreateEvent` only, the one operation that models it. */
  conflictRate?: number
  /** Rate of connections closed without a response, before the request is processed. */
  dropConnectionRate?: number
  /** Rate at which a background extraction fails and becomes a job in `ListMemoryExtractionJobs`. */
  extractionFailureRate?: number
  /** AWS operation names the request faults apply to; all operations when absent. */
  operations?: string[]
  /**
   * Number of request faults to inject before injection stops, for example 2 with
   * `serviceErrorRate: 1` fails the next two requests; unlimited when absent.
   */
  limit?: number
}

/** A pino-compatible logger. Each method takes a structured object and a message. */
export interface EmulatorLogger {
  /** Logs routine events such as start and stop. */
  info(object: Record<string, unknown>, message: string): void
  /** Logs recoverable problems. */
  warn(object: Record<string, unknown>, message: string): void
  /** Logs failures, including every 5xx response. */
  error(object: Record<string, unknown>, message: string): void
  /** Logs per-request detail. */
  debug(object: Record<string, unknown>, message: string): void
}

/** Options of `startEmulator`. */
export interface EmulatorOptions {
  /** Interface to bind; defaults to `127.0.0.1`. */
  host?: string
  /** TCP port; defaults to 0, which picks a free port. */
  port?: number
  /** SQLite file path, or `:memory:` (the default) to keep nothing on disk. */
  db?: string
  /** Memories that exist from the start and survive `reset()`. */
  memories?: MemoryDefinition[]
  /** Delay in milliseconds between new events and their long-term extraction; defaults to 0. */
  extractionDelayMs?: number
  /** Added latency per operation. */
  latency?: LatencyOptions
  /** Injected failure rates. */
  faults?: FaultOptions
  /** Seed of the generator behind latency jitter and fault draws, an integer from 0 to 2^32 - 1; defaults to 1. */
  seed?: number
  /** Receiver of start, stop and error logs; silent when absent. */
  logger?: EmulatorLogger
  /** Largest accepted request body in bytes; defaults to 10 MiB. Larger bodies get a `ValidationException`. */
  maxBodyBytes?: number
  /** Entries kept by `requestLog()`, oldest dropped first; defaults to 10000. */
  requestLogLimit?: number
  /**
   * Matching of `namespace` in `RetrieveMemoryRecords` and `ListMemoryRecords`:
   * `prefix` (default, the documented behaviour) or `exact`.
   */
  namespaceMatch?: 'prefix' | 'exact'
  /** Region that `clientConfig()` returns; defaults to `us-east-1`. */
  region?: string
}

/** One completed (or dropped) request, in arrival order. */
export interface RequestLogEntry {
  /** AWS operation name, for example `CreateEvent`, or `Unknown` for an unmatched route. */
  operation: string
  /** Value of the `x-amzn-RequestId` response header. */
  requestId: string
  /** Arrival time in epoch milliseconds. */
  receivedAt: number
  /** Time the response was sent (or the connection dropped) in epoch milliseconds. */
  respondedAt: number
  /** HTTP status, or 0 for a dropped connection. */
  status: number
  /** AWS exception name of an error response. */
  errorType?: string
  /** Memory id from the path. */
  memoryId?: string
  /** Actor id from the path or body. */
  actorId?: string
  /** Session id from the path or body. */
  sessionId?: string
  /** Idempotency token from the body. */
  clientToken?: string
}

/** Settings for `new BedrockAgentCoreClient(...)` that point it at the emulator. */
export interface EmulatorClientConfig {
  /** Emulator URL. */
  endpoint: string
  /** Region; any value works, the emulator does not partition by region. */
  region: string
  /** Static dummy credentials, so the default credential chain is never consulted. */
  credentials: { accessKeyId: string; secretAccessKey: string }
  /** Total attempts per call, when given to `clientConfig()`. */
  maxAttempts?: number
}
