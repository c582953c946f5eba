/** One logging method in the pino call shape: structured fields first, then the message. */
export type LogMethod = (fields: Record<string, unknown>, message?: string) => void

/**
 * The subset of a pino logger that core uses, so `pino()` or any child logger
 * can be passed as is. Core logs ids, counts and error codes, never message
 * content.
 */
export interface Logger {
  /** Per-call details: pages read, batches sent. */
  debug: LogMethod
  /** Lifecycle events: restore finished, session closed. */
  info: LogMethod
  /** Recovered problems: a retry, a skipped event, a failed namespace. */
  warn: LogMethod
  /** Failures that reach `onError` or the caller. */
  error: LogMethod
}

const noop: LogMethod = () => {}

/** The default logger, which drops everything. */
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop }
