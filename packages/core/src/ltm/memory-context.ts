import type { AgentCoreSessionError } from '../errors/agentcore-session-error'

/** A long-term memory record kept for the context block. */
export interface RetrievedRecord {
  /** The record id. */
  memoryRecordId: string
  /** The record text, trimmed. */
  text: string
  /** Relevance score from the service, higher is more relevant; absent when the service sent none. */
  score?: number
  /** The namespace path that was queried. */
  namespace: string
  /** The strategy that extracted the record. */
  memoryStrategyId?: string
}

/** Result of one long-term memory retrieval. */
export interface MemoryContext {
  /** The context block `<contextTag>…</contextTag>`, or `undefined` when nothing relevant was found. */
  text?: string
  /** Records in the block, by namespace order and then by score. */
  records: RetrievedRecord[]
  /** Namespaces that failed or timed out; they were skipped. */
  failures: { namespace: string; error: AgentCoreSessionError }[]
}
