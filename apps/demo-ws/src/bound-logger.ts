import type { Logger as SessionLogger } from '@agentcore-session/core'
import type { Logger } from 'pino'

/**
 * Wraps a pino logger so every entry carries `bindings`, merged with the entry's own fields into one object. A pino
 * child logger writes its bindings and the entry's fields side by side, so a key in both would appear twice in one
 * JSON line. The memory session logs its own `sessionId`, for example. Here the entry's value replaces the binding.
 */
export function bindLogFields(logger: Logger, bindings: Record<string, unknown>): SessionLogger {
  return {
    debug: (fields, message) => logger.debug({ ...bindings, ...fields }, message),
    info: (fields, message) => logger.info({ ...bindings, ...fields }, message),
    warn: (fields, message) => logger.warn({ ...bindings, ...fields }, message),
    error: (fields, message) => logger.error({ ...bindings, ...fields }, message),
  }
}
