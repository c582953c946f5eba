#!/usr/bin/env node
import { createRequire } from 'node:module'
import { helpText, parseCliArgs } from './cli-options'
import { startEmulator } from './emulator'
import { EmulatorError } from './errors'
import type { EmulatorLogger } from './options'

// A command-line program: it writes its log lines to stderr, one line each.
function createStderrLogger(verbose: boolean): EmulatorLogger {
  const write = (level: string, object: Record<string, unknown>, message: string): void => {
    const fields = Object.entries(object)
      .map(([key, value]) => `${key}=${formatValue(value)}`)
      .join(' ')
    process.stderr.write(`${new Date().toISOString()} ${level} ${message}${fields ? ` ${fields}` : ''}\n`)
  }
  return {
    info: (object, message) => write('INFO', object, message),
    warn: (object, message) => write('WARN', object, message),
    error: (object, message) => write('ERROR', object, message),
    debug: (object, message) => {
      if (verbose) write('DEBUG', object, message)
    },
  }
}

function formatValue(value: unknown): string {
  if (value instanceof Error) return JSON.stringify(value.message)
  if (typeof value === 'string') return /\s/.test(value) ? JSON.stringify(value) : value
  return JSON.stringify(value)
}

async function main(): Promise<void> {
  const command = parseCliArgs(process.argv.slice(2))
  if (command.kind === 'help') {
    process.stdout.write(helpText)
    return
  }
  if (command.kind === 'version') {
    const require = createRequire(import.meta.url)
    process.stdout.write(`${(require('../package.json') as { version: string }).version}\n`)
    return
  }
  const logger = createStderrLogger(command.verbose)
  // The handlers go in before the server starts, because startEmulator logs "Emulator started." and a
  // supervisor may signal as soon as it reads that line. A signal that arrives earlier waits for the server.
  let stopping: string | undefined
  let stop = (signal: string): void => {
    stopping ??= signal
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))

  const emulator = await startEmulator({ ...command.options, logger })
  const close = (signal: string): void => {
    logger.info({ signal }, 'Stopping the emulator.')
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'Failed to stop the emulator cleanly.')
        process.exit(1)
      },
    )
  }
  if (stopping !== undefined) {
    close(stopping)
    return
  }
  stop = (signal: string): void => {
    if (stopping !== undefined) return
    stopping = signal
    close(signal)
  }
}

main().catch((error: unknown) => {
  if (EmulatorError.isInstance(error)) {
    process.stderr.write(`agentcore-memory-emulator: ${error.message}\n`)
  } else {
    process.stderr.write(
      `agentcore-memory-emulator: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
    )
  }
  process.exitCode = 1
})
