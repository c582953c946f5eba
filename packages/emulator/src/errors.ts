const marker = Symbol.for('@agentcore-session/emulator/error')

/** Stable codes of the errors that the emulator throws to its own caller. */
export type EmulatorErrorCode = 'INVALID_OPTION' | 'START_FAILED' | 'CLOSED' | 'API_ERROR'

/** Options shared by every error of this package. */
export interface EmulatorErrorOptions {
  /** The error that led to this one. */
  cause?: unknown
}

/**
 * Base class of every error that `@agentcore-session/emulator` throws.
 * Branch on `code`, which is stable across releases, never on the message.
 */
export class EmulatorError<Code extends EmulatorErrorCode = EmulatorErrorCode> extends Error {
  /** Stable identifier of the failure, for example `INVALID_OPTION`. */
  readonly code: Code
  readonly [marker] = true

  constructor(code: Code, message: string, options: EmulatorErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'EmulatorError'
    this.code = code
  }

  /**
   * Tells whether `value` is an error of this package, also when several copies
   * of the package are installed and `instanceof` would miss it.
   */
  static isInstance(value: unknown): value is EmulatorError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true
  }
}
