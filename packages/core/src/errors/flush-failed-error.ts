import { AgentCoreSessionError } from './agentcore-session-error'
import type { WriteFailedError } from './write-failed-error'

/**
 * `flush()` found writes that could not be persisted. Each failure stays
 * available in `failures`, and the executor keeps them for inspection.
 */
export class FlushFailedError extends AgentCoreSessionError<'FLUSH_FAILED'> {
  /** The writes that failed since the previous flush of the same scope. */
  readonly failures: readonly WriteFailedError[]

  constructor(failures: readonly WriteFailedError[]) {
    const ids = failures.flatMap((failure) => failure.messageIds)
    const idList = ids.length > 0 ? ` (message ids: ${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ', …' : ''})` : ''
    super(
      'FLUSH_FAILED',
      `Flush failed: ${failures.length} write(s) could not be persisted${idList}. Inspect error.failures for the causes.`,
      { cause: failures[0] },
    )
    this.name = 'FlushFailedError'
    this.failures = failures
  }
}
