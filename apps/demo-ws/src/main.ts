import { type DemoConfig, logLevels, readDemoConfig } from './config'
import { startDemo } from './demo'
import { createLogger } from './logger'
import { DemoStartError } from './start-error'

/**
 * Exits with 1 after a start-up failure. A {@link DemoStartError} is a mistake in the environment, so it prints as
 * one line on stderr (its stack only at `debug`); anything else is a bug and is logged with its stack.
 */
function exitOnStartError(error: unknown, logLevel: string): never {
  const logger = createLogger(logLevel)
  if (DemoStartError.isInstance(error)) {
    logger.debug({ event: 'start_failed', code: error.code, err: error }, 'demo failed to start')
    process.stderr.write(`demo-ws failed to start: ${error.message}\n`)
  } else {
    logger.fatal({ event: 'start_failed', err: error }, 'demo failed to start')
  }
  process.exit(1)
}

let config: DemoConfig
try {
  config = readDemoConfig(process.env)
} catch (error) {
  const envLevel = process.env.LOG_LEVEL ?? ''
  exitOnStartError(error, (logLevels as readonly string[]).includes(envLevel) ? envLevel : 'info')
}
const logger = createLogger(config.logLevel)

const demo = await startDemo(config, logger).catch((error: unknown) => exitOnStartError(error, config.logLevel))

logger.info(
  { event: 'started', url: demo.server.url, memory: demo.memory.label, model: demo.modelLabel },
  'demo started',
)
// The URL also goes to stderr as plain text, so it is easy to find among the JSON log lines.
console.error(`\n  Chat demo: ${demo.server.url}\n  memory: ${demo.memory.label}\n  model: ${demo.modelLabel}\n`)

/** Exits once the logger has written its buffered lines, because pino writes stdout asynchronously. */
function exitAfterFlush(code: number): void {
  logger.flush(() => process.exit(code))
}

let stopping = false
async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return
  stopping = true
  logger.info({ event: 'stopping', signal }, 'stopping: cancelling turns and flushing sessions')
  try {
    await demo.close()
    logger.info({ event: 'stopped' }, 'demo stopped')
    exitAfterFlush(0)
  } catch (error) {
    logger.error({ event: 'stop_failed', err: error }, 'demo failed to stop cleanly')
    exitAfterFlush(1)
  }
}

process.on('SIGINT', (signal) => void stop(signal))
process.on('SIGTERM', (signal) => void stop(signal))
