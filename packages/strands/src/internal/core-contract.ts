import type { JsonObject, JsonValue } from '../../../core/src/json'
import type { MessageData } from '../../../core/src/message'

export { AgentCoreSessionError } from '../../../core/src/errors/agentcore-session-error'

// TODO: replace this file with imports from '@agentcore-session/core' once it exports MemorySession.
// It mirrors the session contract that core implements, so the adapter typechecks in the meantime.

export type { JsonObject, JsonValue, MessageData }

export interface AgentState {
  appState: JsonObject
  modelState: JsonObject
  interruptState?: JsonValue
  conversationManagerState?: JsonObject
}

export interface RestoredMessage {
  id: string
  eventId: string
  message: MessageData
}

export interface RestoredSession {
  messages: RestoredMessage[]
  state?: AgentState
  skipped: { eventId: string; reason: string }[]
}

export interface MemoryContext {
  text?: string
  records: unknown[]
  failures: { namespace: string; error: Error }[]
}

export interface MemorySessionLike {
  readonly memoryId: string
  readonly actorId: string
  readonly sessionId: string
  readonly agentId: string
  prefetch(): Promise<RestoredSession>
  restore(): Promise<RestoredSession>
  appendMessage(message: MessageData, options?: { id?: string }): Promise<{ id: string }>
  replaceMessage(id: string, message: MessageData): Promise<void>
  saveAgentState(state: AgentState): Promise<boolean>
  retrieveContext(query: string): Promise<MemoryContext>
  flush(): Promise<void>
  close(): Promise<void>
  pendingWrites(): number
}

export interface MemorySessionOptions {
  memoryId: string
  actorId: string
  sessionId: string
  agentId?: string
  client?: unknown
  region?: string
  endpoint?: string
  asyncMode?: boolean
  executor?: unknown
  batchSize?: number
  flushIntervalMs?: number
  retrievalConfig?: Record<string, { topK?: number; relevanceScore?: number; strategyId?: string }>
  retrievalTimeoutMs?: number
  contextTag?: string
  restoreLimit?: number
  filterRestoredToolContext?: boolean
  defaultMetadata?: Record<string, unknown>
  metadataProvider?: () => Record<string, unknown>
  persistenceMode?: 'FULL' | 'NONE'
  storageFormat?: 'native' | 'python'
  logger?: unknown
  onError?: (error: Error) => void
}

/** Builds core's `MemorySession`. */
export function createMemorySession(_options: MemorySessionOptions): MemorySessionLike {
  throw new Error('MemorySession is not exported by @agentcore-session/core yet.')
}
