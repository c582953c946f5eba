import { AgentCoreSessionError } from '@agentcore-session/core'

const marker = Symbol.for('@agentcore-session/strands/error')

/** Stable codes of {@link AgentCoreStrandsError}. */
export type AgentCoreStrandsErrorCode =
  | 'AGENT_ALREADY_ATTACHED'
  | 'REPLACE_FAILED'
  | 'SESSION_CLOSED'
  | 'UNSUPPORTED_OPERATION'

/**
 * Base class of the errors that `@agentcore-session/strands` itself throws. It extends core's
 * `AgentCoreSessionError`, so one `AgentCoreSessionError.isInstance()` check covers both packages.
 * Branch on `code`, never on the message.
 */
export class AgentCoreStrandsError extends AgentCoreSessionError<AgentCoreStrandsErrorCode> {
  readonly [marker] = true

  constructor(code: AgentCoreStrandsErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, options)
    this.name = 'AgentCoreStrandsError'
  }

  /**
   * Tells whether `value` is an error of this package, also when several copies of the package are installed
   * and `instanceof` would miss it.
   */
  static override isInstance(value: unknown): value is AgentCoreStrandsError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true
  }
}
