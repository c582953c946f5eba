const marker = Symbol.for('@agentcore-session/core/error')

/** Options shared by every error of this package. */
export interface AgentCoreSessionErrorOptions {
  /** The error that led to this one. */
  cause?: unknown
}

/**
 * Base class of every error that `@agentcore-session/core` throws or reports.
 * Branch on `code`, which is stable across releases, never on the message.
 */
export class AgentCoreSessionError<Code extends string = string> extends Error {
  /** Stable identifier of the failure, for example `INVALID_OPTION`. */
  readonly code: Code
  readonly [marker] = true

  constructor(code: Code, message: string, options: AgentCoreSessionErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'AgentCoreSessionError'
    this.code = code
  }

  /**
   * Tells whether `value` is an error of this package, also when several copies
   * of the package are installed and `instanceof` would miss it.
   */
  static isInstance(value: unknown): value is AgentCoreSessionError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true
  }
}
