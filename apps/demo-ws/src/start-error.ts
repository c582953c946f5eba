const marker = Symbol.for('@agentcore-session/demo-ws.DemoStartError')

/** Stable codes of {@link DemoStartError}. */
export type DemoStartErrorCode =
  | 'invalid_port'
  | 'invalid_allowed_origin'
  | 'missing_region'
  | 'invalid_log_level'
  | 'invalid_token_secret'
  | 'port_in_use'
  | 'listen_failed'

/** Options of {@link DemoStartError}. */
export interface DemoStartErrorOptions {
  /** Environment variable that the user should change. */
  variable: string
  /** Underlying error, if any. */
  cause?: unknown
}

/**
 * A start-up failure that the user fixes by changing the environment, such as an invalid `PORT` or a port in use.
 * Its message is one sentence that names the value and the fix, so the demo prints it without a stack trace.
 */
export class DemoStartError extends Error {
  override readonly name = 'DemoStartError'
  /** Stable code for branching. */
  readonly code: DemoStartErrorCode
  /** Environment variable that the user should change. */
  readonly variable: string
  readonly [marker] = true

  constructor(code: DemoStartErrorCode, message: string, options: DemoStartErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.variable = options.variable
  }

  /** Tells whether a value is a {@link DemoStartError}, also across copies of this module. */
  static isInstance(value: unknown): value is DemoStartError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true
  }
}

/** Turns a `listen` failure into a {@link DemoStartError} whose message names the fix, or returns the error unchanged. */
export function describeListenError(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'EADDRINUSE') {
    const example = port === 0 || port >= 65_535 ? 8788 : port + 1
    return new DemoStartError(
      'port_in_use',
      `Port ${port} on ${host} is in use. Set PORT to a free port, for example PORT=${example} pnpm demo.`,
      { variable: 'PORT', cause: error },
    )
  }
  if (code === 'EACCES' || code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new DemoStartError(
      'listen_failed',
      `Cannot listen on ${host}:${port} (${code}). Set HOST to an address of this machine, such as 127.0.0.1, and PORT to a number above 1023.`,
      { variable: 'HOST', cause: error },
    )
  }
  return error
}
