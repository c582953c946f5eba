import type { PayloadType } from '@aws-sdk/client-bedrock-agentcore'
import type { WriteFailedError, WriteOperation } from '../errors/write-failed-error'
import type { LatencySummary } from '../internal/latency-stats'

/**
 * One CreateEvent request fixed before it is sent, as a durable outbox
 * journals it. Every field is plain JSON, so a replay after a crash sends a
 * byte-identical request with the same client token.
 */
export interface DurableEvent {
  /** Memory id of the request. */
  memoryId: string
  /** Actor id of the request. */
  actorId: string
  /** Session id of the request. */
  sessionId: string
  /** Event timestamp in epoch milliseconds. */
  timestampMs: number
  /** The payload items, as sent. */
  payload: PayloadType[]
  /** The idempotency token that lets the service drop a repeated request. */
  clientToken: string
  /** Event metadata, as sent; absent when the event has none. */
  metadata?: Record<string, { stringValue: string }>
}

/**
 * One unit of memory I/O that a session hands to an executor: a CreateEvent
 * for messages or agent state, or a replace (CreateEvent plus DeleteEvent).
 */
export interface WriteTask {
  /**
   * Queue the task belongs to. Tasks with the same key run one after another
   * in submission order. Sessions use their memory, actor and session ids.
   */
  readonly queueKey: string
  /** Approximate memory that the task keeps until it is durable, in bytes. */
  readonly sizeBytes: number
  /** The kind of write, for failure reports. */
  readonly operation: WriteOperation
  /** Ids of the messages the task carries, for failure reports. */
  readonly messageIds: readonly string[]
  /**
   * Returns one task that performs this task and then `next`, or `undefined`
   * when the two must leave in separate calls. An executor may use it for
   * group commit; the merged task settles both.
   */
  mergeWith?(next: WriteTask): WriteTask | undefined
  /**
   * Fixes the requests of this write now (payload, timestamp and client
   * token) and returns them, so a durable outbox can journal them before the
   * write is acknowledged. Later attempts send exactly these requests, and
   * the task no longer merges. Timestamps are at least `minTimestampMs`.
   * Writes without this method are not journaled.
   */
  prepareDurable?(minTimestampMs?: number): Promise<readonly DurableEvent[]>
  /**
   * Performs one attempt of the write. Every attempt sends the same requests
   * with the same client tokens, so retrying a write that already reached
   * the service creates no duplicate.
   */
  attempt(): Promise<void>
  /**
   * Reports the task's outcome. The executor calls it once: without an
   * argument when the write is durable, with the error when it gives up.
   */
  settle(error?: WriteFailedError): void
}

/** Counters that an executor exposes for monitoring. */
export interface ExecutorStats {
  /** Tasks accepted and waiting for their turn. */
  queued: number
  /** Tasks whose write call is running. */
  inFlight: number
  /** Bytes held by queued and in-flight tasks. */
  queuedBytes: number
  /** Tasks that became durable. */
  written: number
  /** Retry attempts made after a retryable failure. */
  retried: number
  /** Tasks given up on. */
  failed: number
  /** Time from acceptance to durability of each written task, in milliseconds. */
  writeLatencyMs: LatencySummary
}

/**
 * Decides where and when memory writes run relative to the caller.
 *
 * To write your own executor, implement these four methods. `submit` must
 * call `task.attempt()` until it succeeds or you give up, then call
 * `task.settle()` exactly once, with a `WriteFailedError` when giving up.
 * It must also keep tasks of one `queueKey` in submission order, because the
 * session relies on that for timestamps and for replacing messages. `flush(key)`
 * resolves once every task of that key submitted before the call has
 * settled, and rejects with a `FlushFailedError` listing the failures since
 * the previous flush.
 */
export interface Executor {
  /**
   * Hands a write over. An executor that writes inline resolves once the
   * write is durable and rejects with its error. A background executor
   * resolves once it accepted the task, possibly after waiting for memory.
   */
  submit(task: WriteTask): Promise<void>
  /** Waits until earlier writes of `queueKey`, or of every queue, have settled. */
  flush(queueKey?: string): Promise<void>
  /** Drains every queue, then rejects new writes. */
  close(): Promise<void>
  /** Returns the current counters. */
  stats(): ExecutorStats
}
