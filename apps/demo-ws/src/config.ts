import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseAllowedOrigins } from './server/origin-policy'
import { DemoStartError } from './start-error'

/** Conversation storage. */
export type MemoryConfig =
  | {
      /** AgentCore Memory in an AWS account, through the standard credential chain. */
      kind: 'aws'
      /** Memory id, from `MEMORY_ID`. */
      memoryId: string
      /** AWS Region, from `AWS_REGION`. */
      region: string
    }
  | {
      /** The embedded emulator, started in-process. */
      kind: 'emulator'
      /** SQLite file of the emulator, or `:memory:`. */
      db: string
    }

/** Model that replies to prompts. */
export type ModelConfig =
  | {
      /** Amazon Bedrock through Strands' `BedrockModel`. */
      kind: 'bedrock'
      /** Bedrock model or inference profile id, from `MODEL_ID`. */
      modelId: string
      /** Region of the Bedrock runtime; the SDK's default chain applies when absent. */
      region?: string
    }
  | {
      /** The scripted offline model. */
      kind: 'offline'
    }

/** Everything the demo reads from its environment. */
export interface DemoConfig {
  /** Interface to listen on, from `HOST`. */
  host: string
  /** TCP port, from `PORT`; 0 picks a free port. */
  port: number
  /** Folder for the emulator database and the token secret, from `DEMO_DATA_DIR`. */
  dataDir: string
  /** Allowed WebSocket origins from `DEMO_ALLOWED_ORIGINS`; same-origin when absent. */
  allowedOrigins: string[] | undefined
  /** Token signing secret from `DEMO_TOKEN_SECRET`; a stored random secret when absent. */
  tokenSecret: string | undefined
  /** Conversation storage. */
  memory: MemoryConfig
  /** Model that answers prompts. */
  model: ModelConfig
  /** Pino log level, from `LOG_LEVEL`. */
  logLevel: string
}

/** The app's default data folder, `apps/demo-ws/data/`, which git ignores. */
export const defaultDataDir = resolve(fileURLToPath(new URL('..', import.meta.url)), 'data')

/**
 * Reads the demo's configuration from environment variables. With neither `MEMORY_ID` nor `MODEL_ID` it needs no
 * AWS configuration at all: the emulator stores conversations in `<data>/memory.db` and the offline model replies.
 */
export function readDemoConfig(env: NodeJS.ProcessEnv): DemoConfig {
  const dataDir = resolve(env.DEMO_DATA_DIR || defaultDataDir)
  const memoryId = env.MEMORY_ID?.trim()
  const region = env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim()
  const modelId = env.MODEL_ID?.trim()

  let memory: MemoryConfig
  if (memoryId) {
    if (!region) {
      throw new DemoStartError(
        'missing_region',
        'MEMORY_ID is set but AWS_REGION is not; set AWS_REGION to the memory’s Region.',
        { variable: 'AWS_REGION' },
      )
    }
    memory = { kind: 'aws', memoryId, region }
  } else {
    memory = { kind: 'emulator', db: env.DEMO_DB || resolve(dataDir, 'memory.db') }
  }

  let model: ModelConfig = { kind: 'offline' }
  if (modelId) model = region ? { kind: 'bedrock', modelId, region } : { kind: 'bedrock', modelId }

  return {
    host: env.HOST || '127.0.0.1',
    port: parsePort(env.PORT),
    dataDir,
    allowedOrigins: parseAllowedOrigins(env.DEMO_ALLOWED_ORIGINS),
    tokenSecret: env.DEMO_TOKEN_SECRET,
    memory,
    model,
    logLevel: parseLogLevel(env.LOG_LEVEL),
  }
}

/** Pino's built-in levels, most verbose last. */
export const logLevels = ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const

function parseLogLevel(value: string | undefined): string {
  if (value === undefined || value === '') return 'info'
  if (!(logLevels as readonly string[]).includes(value)) {
    throw new DemoStartError(
      'invalid_log_level',
      `LOG_LEVEL "${value}" is not a log level; use one of ${logLevels.join(', ')}.`,
      {
        variable: 'LOG_LEVEL',
      },
    )
  }
  return value
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 8787
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new DemoStartError('invalid_port', `PORT "${value}" is not a TCP port; use an integer from 0 to 65535.`, {
      variable: 'PORT',
    })
  }
  return port
}
