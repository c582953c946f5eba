import type { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore'
import type { StorageFormat } from '../codec'
import type { AgentCoreSessionError } from '../errors/agentcore-session-error'
import type { Executor } from '../executor/executor'
import type { Clock } from '../manual-clock'
import type { Logger } from '../observability/logger'
import type { MemoryClient } from './memory-client'

/** A metadata value: a plain string, or the service's `{ stringValue }` shape. */
export type MetadataValueInput = string | { stringValue: string }

/** Event metadata as users pass it. */
export type MetadataInput = Record<string, MetadataValueInput>

/** Long-term memory retrieval settings for one namespace template. */
export interface RetrievalConfig {
  /** Number of records to request (`searchCriteria.topK`), 1 to 100. Default 10. */
  topK?: number
  /**
   * Minimum `score` a record needs to be kept, 0 to 1. Default 0.2. With 0,
   * every record is kept, also records without a score.
   */
  relevanceScore?: number
  /** Strategy id that fills the `{memoryStrategyId}` placeholder; required when the template uses it. */
  strategyId?: string
}

/** Whether the session writes to AgentCore Memory. */
export type PersistenceMode = 'FULL' | 'NONE'

/** Options of {@link MemorySession}. */
export interface MemorySessionOptions {
  /** The AgentCore Memory id, for example `my_memory-GU1PAu70oU`. */
  memoryId: string
  /** The actor (usually the end user) whose events these are. */
  actorId: string
  /** The conversation. */
  sessionId: string
  /** The agent, when several agents share a session. Default `'default'`. */
  agentId?: string
  /**
   * The client to use. Pass a `BedrockAgentCoreClient`, or the in-memory
   * backend from `@agentcore-session/core/testing`. When omitted, the session
   * builds a client from `region`, `endpoint` and the standard AWS credential
   * chain.
   */
  client?: MemoryClient | BedrockAgentCoreClient
  /**
   * Region of the client the session builds. Resolved in this order: this
   * option, `AWS_REGION`, `AWS_DEFAULT_REGION`; a missing region is an error.
   * Ignored when `client` is passed, because that client has its own region.
   */
  region?: string
  /** Endpoint URL of the client the session builds, for example an emulator at `http://127.0.0.1:4566`. */
  endpoint?: string
  /** `true` selects a {@link BackgroundExecutor} private to this session. Ignored when `executor` is set. */
  asyncMode?: boolean
  /** The executor that runs writes; may be shared by many sessions. Default: a new `InlineExecutor`. */
  executor?: Executor
  /** Number of messages held before they are written together, 1 to 100. Default 1 (write at once). */
  batchSize?: number
  /** Interval after which held messages are written even if the batch is not full, in milliseconds. */
  flushIntervalMs?: number
  /** Long-term memory namespaces to query, keyed by namespace template. */
  retrievalConfig?: Record<string, RetrievalConfig>
  /** Deadline for each namespace query, in milliseconds. Default 2 000. */
  retrievalTimeoutMs?: number
  /** Name of the XML tag that wraps retrieved context. Default `'user_context'`. */
  contextTag?: string
  /**
   * Restore only the newest N messages. Default: every message. When the
   * newest 100 events hold N messages of the agent, the restore costs one
   * `ListEvents` call (plus one `GetEvent` for an older agent state) whatever
   * the session's length. Sessions written without the `stateEventId`
   * metadata may need a filtered query over the whole session.
   */
  restoreLimit?: number
  /**
   * Remove toolUse and toolResult blocks from restored messages. The result
   * still starts with a user message and alternates user and assistant.
   */
  filterRestoredToolContext?: boolean
  /** Metadata added to every message event. */
  defaultMetadata?: MetadataInput
  /** Called for each appended message; its metadata overrides `defaultMetadata`. */
  metadataProvider?: () => MetadataInput
  /** `'NONE'` makes no writes while reads still run. Default `'FULL'`. */
  persistenceMode?: PersistenceMode
  /** Layout of written events. `'python'` lets a Python agent restore them. Default `'native'`. */
  storageFormat?: StorageFormat
  /**
   * Allow an `actorId` containing `/`. Off by default because such an id
   * crosses a namespace segment: records extracted for actor `alice/x` land
   * under the path of actor `alice` wherever a strategy template contains
   * `{actorId}`, and a `namespacePath` query for `alice` returns them. The
   * check applies even without `retrievalConfig`, because the memory's
   * extraction templates are not visible to the session.
   */
  allowUnsafeNamespaceIds?: boolean
  /** Pino-compatible logger. Default: silent. */
  logger?: Logger
  /** Called with every error that does not reach a caller: failed background writes, skipped events. */
  onError?: (error: AgentCoreSessionError) => void
  /** Source of event timestamps in epoch milliseconds. Default `Date.now`. */
  clock?: Clock
}
