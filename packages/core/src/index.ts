/**
 * AgentCore Memory sessions without memory round trips on the hot path.
 * @module
 */

export type { AgentState, SkippedEvent, StorageFormat } from './codec'
export { type PayloadLimit, PayloadTooLargeError } from './codec'
export { AgentCoreSessionError, type AgentCoreSessionErrorOptions } from './errors/agentcore-session-error'
export { FlushFailedError } from './errors/flush-failed-error'
export { InvalidOptionError } from './errors/invalid-option-error'
export { WriteFailedError, type WriteFailedErrorOptions, type WriteOperation } from './errors/write-failed-error'
export { BackgroundExecutor, type BackgroundExecutorOptions } from './executor/background-executor'
export type { DurableEvent, Executor, ExecutorStats, WriteTask } from './executor/executor'
export { InlineExecutor, type InlineExecutorOptions } from './executor/inline-executor'
export type { LatencySummary } from './internal/latency-stats'
export type { JsonObject, JsonValue } from './json'
export type { MemoryContext, RetrievedRecord } from './ltm/memory-context'
export { queryTextOf } from './ltm/query-text'
export type { Clock } from './manual-clock'
export type {
  Bytes,
  CachePointBlockData,
  CitationsBlockData,
  ContentBlockData,
  DocumentBlockData,
  GuardContentBlockData,
  ImageBlockData,
  MediaSource,
  MessageData,
  MessageRole,
  ReasoningBlockData,
  TextBlockData,
  ToolResultBlockData,
  ToolResultContentData,
  ToolUseBlockData,
  VideoBlockData,
} from './message'
export {
  type ChannelSessionFields,
  channelNames,
  type ReadChannelMessage,
  type WriteChannelMessage,
} from './observability/channels'
export type { Logger, LogMethod } from './observability/logger'
export type { MemoryClient, SendOptions } from './session/memory-client'
export { MemorySession } from './session/memory-session'
export type { RestoredMessage, RestoredSession } from './session/restored-session'
export type {
  MemorySessionOptions,
  MetadataInput,
  MetadataValueInput,
  PersistenceMode,
  RetrievalConfig,
} from './session/session-options'
