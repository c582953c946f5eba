import { readFileSync } from 'node:fs'
import { type ParseArgsConfig, parseArgs } from 'node:util'
import { EmulatorError } from './errors'
import { checkEmulatorOptions } from './internal/check-options'
import type { EmulatorOptions, FaultOptions, LatencyOptions, MemoryDefinition, StrategyKind } from './options'

/** Command parsed from the command-line arguments. */
export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'start'; options: EmulatorOptions; verbose: boolean }

/** Help text of `agentcore-memory-emulator`. */
export const helpText = `Usage: agentcore-memory-emulator [options]

Serves the Amazon Bedrock AgentCore Memory API on a local port, for the AWS SDK
client (endpoint http://HOST:PORT, any region, any static credentials).

Server
  --host HOST                   Interface to bind (default 127.0.0.1).
  --port PORT                   TCP port; 0 picks a free one (default 8799).
  --db PATH                     SQLite file for the data, created if missing;
                                :memory: keeps nothing on disk (default :memory:).
  --config FILE                 JSON file with startEmulator options (memories,
                                latency, faults, ...); flags override it.

Memories
  --memory ID                   Declares a memory with this id
                                (<name>-<10 alphanumerics>); repeatable.
  --strategy KIND:NAMESPACE     Adds a long-term strategy to the --memory before
                                it. KIND is semantic, userPreference or summary;
                                NAMESPACE is a template such as
                                /users/{actorId}/facts/. Repeatable.
  --event-expiry-days DAYS      Event expiry of the --memory before it, in days
                                from 1 to 365 (default 90).
  --extraction-delay-ms MS      Delay before long-term extraction runs after new
                                events, in milliseconds (default 0).
  --namespace-match MODE        How the namespace parameter selects records:
                                prefix (default) or exact.

Latency and faults (drawn from a generator seeded by --seed)
  --latency-ms MS               Fixed delay added to every response, in milliseconds.
  --jitter-ms MS                Upper bound of a random delay added on top, in
                                milliseconds.
  --throttle-rate P             Probability (0 to 1) of ThrottledException (429).
  --service-error-rate P        Probability of ServiceException (500).
  --quota-rate P                Probability of ServiceQuotaExceededException (402).
  --conflict-rate P             Probability of RetryableConflictException (409)
                                on CreateEvent.
  --drop-rate P                 Probability of closing the connection without a response.
  --extraction-failure-rate P   Probability that an extraction fails and becomes
                                a job in ListMemoryExtractionJobs.
  --fault-operations LIST       Comma-separated operation names that faults apply
                                to (default: all).
  --fault-limit N               Number of faults to inject before injection stops
                                (default: unlimited).
  --seed N                      Seed of the generator (default 1).

Other
  --verbose                     Also log every request.
  --version                     Prints the version.
  --help                        Prints this help.

Admin API: GET /__emulator/health, GET|DELETE /__emulator/requests,
POST /__emulator/reset, POST /__emulator/extraction/wait,
GET|PUT /__emulator/faults, GET|PUT /__emulator/latency, POST /__emulator/memories.
`

const defaultPort = 8799
const strategyKinds: readonly StrategyKind[] = ['semantic', 'userPreference', 'summary']

const flagDefinitions = {
  host: { type: 'string' },
  port: { type: 'string' },
  db: { type: 'string' },
  config: { type: 'string' },
  memory: { type: 'string', multiple: true },
  strategy: { type: 'string', multiple: true },
  'event-expiry-days': { type: 'string', multiple: true },
  'extraction-delay-ms': { type: 'string' },
  'namespace-match': { type: 'string' },
  'latency-ms': { type: 'string' },
  'jitter-ms': { type: 'string' },
  'throttle-rate': { type: 'string' },
  'service-error-rate': { type: 'string' },
  'quota-rate': { type: 'string' },
  'conflict-rate': { type: 'string' },
  'drop-rate': { type: 'string' },
  'extraction-failure-rate': { type: 'string' },
  'fault-operations': { type: 'string' },
  'fault-limit': { type: 'string' },
  seed: { type: 'string' },
  verbose: { type: 'boolean' },
  version: { type: 'boolean' },
  help: { type: 'boolean' },
} satisfies ParseArgsConfig['options']

/** Parses the command-line arguments (without the node and script paths). */
export function parseCliArgs(args: string[]): CliCommand {
  const { values, tokens } = parseFlags(args)
  if (values.help) return { kind: 'help' }
  if (values.version) return { kind: 'version' }

  const options: EmulatorOptions = values.config === undefined ? {} : readConfigFile(values.config)
  options.port ??= defaultPort
  if (values.host !== undefined) options.host = values.host
  if (values.port !== undefined) options.port = integerFlag('--port', values.port, 0, 65535)
  if (values.db !== undefined) options.db = values.db
  if (values.seed !== undefined) options.seed = integerFlag('--seed', values.seed, 0, 2 ** 32 - 1)
  if (values['extraction-delay-ms'] !== undefined) {
    options.extractionDelayMs = integerFlag('--extraction-delay-ms', values['extraction-delay-ms'], 0, 3_600_000)
  }
  const namespaceMatch = values['namespace-match']
  if (namespaceMatch !== undefined) {
    if (namespaceMatch !== 'prefix' && namespaceMatch !== 'exact') {
      throw invalidFlag('--namespace-match', namespaceMatch, 'prefix or exact')
    }
    options.namespaceMatch = namespaceMatch
  }

  const memories = parseMemoryFlags(tokens)
  if (memories.length > 0) options.memories = [...(options.memories ?? []), ...memories]
  const latency = parseLatencyFlags(values)
  if (latency !== undefined) options.latency = latency
  const faults = parseFaultFlags(values, options.faults ?? {})
  if (Object.keys(faults).length > 0) options.faults = faults
  return { kind: 'start', options, verbose: values.verbose === true }
}

/**
 * Runs Node's `parseArgs` and turns its errors into `EmulatorError`s. Skips a leading `--`, which
 * `pnpm start -- --port 8799` passes through, and joins a flag with a value that starts with '-' (such as
 * `--latency-ms -5`) into one `--flag=value` argument, so the value reaches the range check and gets its message.
 */
function parseFlags(args: readonly string[]) {
  const joined: string[] = []
  const rest = args[0] === '--' ? args.slice(1) : args
  for (let index = 0; index < rest.length; index += 1) {
    const arg = rest[index] as string
    const next = rest[index + 1]
    if (takesValue(arg) && next !== undefined && /^-[\d.]/.test(next)) {
      joined.push(`${arg}=${next}`)
      index += 1
      continue
    }
    joined.push(arg)
  }
  try {
    return parseArgs({ args: joined, tokens: true, strict: true, allowPositionals: false, options: flagDefinitions })
  } catch (error) {
    if (!String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) throw error
    // Node's messages span lines and may end with a period, so they are joined and ended once here.
    const message = (error as Error).message.replace(/\s*\n\s*/g, ' ').replace(/\.?$/, '.')
    throw new EmulatorError('INVALID_OPTION', `${message} Run with --help for the flags.`, { cause: error })
  }
}

function takesValue(arg: string): boolean {
  if (!arg.startsWith('--')) return false
  const definition = (flagDefinitions as Record<string, { type: string }>)[arg.slice(2)]
  return definition?.type === 'string'
}

type Tokens = ReturnType<typeof parseArgs>['tokens']

/** Reads `--memory`, `--strategy` and `--event-expiry-days` in order, so each applies to the memory before it. */
function parseMemoryFlags(tokens: Tokens): MemoryDefinition[] {
  const memories: MemoryDefinition[] = []
  for (const token of tokens ?? []) {
    if (token.kind !== 'option' || token.value === undefined) continue
    if (token.name === 'memory') {
      memories.push({ id: token.value })
      continue
    }
    if (token.name !== 'strategy' && token.name !== 'event-expiry-days') continue
    const memory = memories.at(-1)
    if (memory === undefined) {
      throw new EmulatorError(
        'INVALID_OPTION',
        `--${token.name} ${token.value} must follow the --memory it applies to.`,
      )
    }
    if (token.name === 'event-expiry-days') {
      memory.eventExpiryDays = integerFlag('--event-expiry-days', token.value, 1, 365)
      continue
    }
    const separator = token.value.indexOf(':')
    const kind = token.value.slice(0, separator) as StrategyKind
    const namespace = token.value.slice(separator + 1)
    if (separator < 0 || !strategyKinds.includes(kind) || namespace === '') {
      throw invalidFlag('--strategy', token.value, `KIND:NAMESPACE with KIND one of ${strategyKinds.join(', ')}`)
    }
    memory.strategies = [...(memory.strategies ?? []), { type: kind, namespace }]
  }
  return memories
}

function parseLatencyFlags(values: Record<string, unknown>): LatencyOptions | undefined {
  const fixed = values['latency-ms'] as string | undefined
  const jitter = values['jitter-ms'] as string | undefined
  if (fixed === undefined && jitter === undefined) return undefined
  return {
    default: {
      fixedMs: fixed === undefined ? 0 : numberFlag('--latency-ms', fixed, 0, 600_000),
      jitterMs: jitter === undefined ? 0 : numberFlag('--jitter-ms', jitter, 0, 600_000),
    },
  }
}

function parseFaultFlags(values: Record<string, unknown>, base: FaultOptions): FaultOptions {
  const faults: FaultOptions = { ...base }
  const rates: [string, keyof Omit<FaultOptions, 'operations' | 'limit'>][] = [
    ['throttle-rate', 'throttleRate'],
    ['service-error-rate', 'serviceErrorRate'],
    ['quota-rate', 'quotaExceededRate'],
    ['conflict-rate', 'conflictRate'],
    ['drop-rate', 'dropConnectionRate'],
    ['extraction-failure-rate', 'extractionFailureRate'],
  ]
  for (const [flag, key] of rates) {
    const value = values[flag] as string | undefined
    if (value !== undefined) faults[key] = numberFlag(`--${flag}`, value, 0, 1)
  }
  const limit = values['fault-limit'] as string | undefined
  if (limit !== undefined) faults.limit = integerFlag('--fault-limit', limit, 0, Number.MAX_SAFE_INTEGER)
  const operations = values['fault-operations'] as string | undefined
  if (operations !== undefined) {
    faults.operations = operations
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name.length > 0)
  }
  return faults
}

function readConfigFile(path: string): EmulatorOptions {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new EmulatorError(
      'INVALID_OPTION',
      `Failed to read the config file ${path}: check that it exists and is readable.`,
      {
        cause: error,
      },
    )
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new EmulatorError('INVALID_OPTION', `Invalid JSON in the config file ${path}: ${(error as Error).message}.`, {
      cause: error,
    })
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new EmulatorError(
      'INVALID_OPTION',
      `Invalid config file ${path}: expected a JSON object of startEmulator options.`,
    )
  }
  checkEmulatorOptions(parsed, { configFile: path })
  return parsed as EmulatorOptions
}

function integerFlag(flag: string, value: string, min: number, max: number): number {
  const number = Number(value)
  if (!/^\d+$/.test(value) || number < min || number > max)
    throw invalidFlag(flag, value, `an integer from ${min} to ${max}`)
  return number
}

function numberFlag(flag: string, value: string, min: number, max: number): number {
  const number = Number(value)
  if (value.trim() === '' || !Number.isFinite(number) || number < min || number > max) {
    throw invalidFlag(flag, value, `a number from ${min} to ${max}`)
  }
  return number
}

function invalidFlag(flag: string, value: string, expected: string): EmulatorError {
  return new EmulatorError(
    'INVALID_OPTION',
    `Invalid ${flag} '${value}': expected ${expected}. Run with --help for the flags.`,
  )
}
