import type { Logger as SessionLogger } from '@agentcore-session/core'
import type { Logger } from 'pino'

/**
 * Wraps a pino logger so every entry carries `bindings`, merged with the entry's own fields into one object. A pino
 * child logger writes its bindings and the entry's fields side by side, so a key in both (the memory session logs
 * its own `sessionId`) would appear twice in one JSON line; here the entry's value replaces the binding.
 */
export function bindLogFields(logger: Logger, bindings: Record<string, unknown>): SessionLogger {
  return {
    debug: (fields, message) => logger.debug({ ...bindings, ...fields }, message),
    info: (fields, message) => logger.info({ ...bindings, ...fields }, message),
    warn: (fields, message) => logger.warn({ ...bindings, ...fields }, message),
    error: (fields, message) => logger.error({ ...bindings, ...fields }, message),
  }
}
