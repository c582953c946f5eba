import { readDemoConfig } from './config'
import { startDemo } from './demo'
import { createLogger } from './logger'

const config = readDemoConfig(process.env)
const logger = createLogger(config.logLevel)

const demo = await startDemo(config, logger).catch((error: unknown) => {
  const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
  const message = inUse
    ? `demo failed to start: ${config.host}:${config.port} is already in use; set PORT to a free port`
    : 'demo failed to start'
  logger.fatal({ event: 'start_failed', err: error }, message)
  process.exit(1)
})

logger.info(
  { event: 'started', url: demo.server.url, memory: demo.memory.label, model: demo.modelLabel },
  'demo started',
)
// The URL also goes to stderr as plain text, so it is easy to find among the JSON log lines.
console.error(`\n  Chat demo: ${demo.server.url}\n  memory: ${demo.memory.label}\n  model: ${demo.modelLabel}\n`)

let stopping = false
async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return
  stopping = true
  logger.info({ event: 'stopping', signal }, 'stopping: cancelling turns and flushing sessions')
  try {
    await demo.close()
    logger.info({ event: 'stopped' }, 'demo stopped')
    process.exit(0)
  } catch (error) {
    logger.error({ event: 'stop_failed', err: error }, 'demo failed to stop cleanly')
    process.exit(1)
  }
}

process.on('SIGINT', (signal) => void stop(signal))
process.on('SIGTERM', (signal) => void stop(signal))
