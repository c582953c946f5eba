import { AgentCoreSessionError } from './agentcore-session-error'

/** The kind of write that failed. */
export type WriteOperation = 'append' | 'replace' | 'state'

/** Fields that identify a failed write without carrying its content. */
export interface WriteFailedErrorOptions {
  /** The original error, usually an AWS SDK service exception. */
  cause?: unknown
  /** The kind of write. */
  operation: WriteOperation
  /** Ids of the messages the write carried (empty for agent state). */
  messageIds: readonly string[]
  /** Number of attempts made before giving up. */
  attempts: number
}

/**
 * A write to AgentCore Memory failed after retries, or with an error that
 * retries cannot fix. The message names the operation and the ids, never the
 * message content.
 */
export class WriteFailedError extends AgentCoreSessionError<'WRITE_FAILED'> {
  /** The kind of write. */
  readonly operation: WriteOperation
  /** Ids of the messages the write carried. */
  readonly messageIds: readonly string[]
  /** Number of attempts made before giving up. */
  readonly attempts: number

  constructor(message: string, options: WriteFailedErrorOptions) {
    super('WRITE_FAILED', message, { cause: options.cause })
    this.name = 'WriteFailedError'
    this.operation = options.operation
    this.messageIds = options.messageIds
    this.attempts = options.attempts
  }
}
