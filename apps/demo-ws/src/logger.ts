import { type Logger, pino } from 'pino'

/**
 * Creates the demo's JSON logger on stdout. Info-level entries carry ids, counts and timings only; prompt text
 * is logged at `debug` and never above it.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'demo-ws' },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: pino.stdSerializers.err },
  })
}
