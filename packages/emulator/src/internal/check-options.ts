import { EmulatorError } from '../errors'
import { memoryIdPattern } from './constraints'
import { namespaceTemplatePattern, strategyIdPattern, strategyKinds } from './memory-registry'

/** Source of the options, named in the error messages. */
export interface CheckOptionsContext {
  /**
   * Config file the options were read from. When set, unknown keys are rejected too, because a JSON file
   * gets no type check and a misspelled key would otherwise be ignored.
   */
  configFile?: string
}

const optionKeys = [
  'host',
  'port',
  'db',
  'memories',
  'extractionDelayMs',
  'latency',
  'faults',
  'seed',
  'logger',
  'maxBodyBytes',
  'requestLogLimit',
  'namespaceMatch',
  'region',
]
const memoryKeys = ['id', 'name', 'strategies', 'eventExpiryDays']
const strategyKeys = ['type', 'namespace', 'id', 'name']
const latencySpecKeys = ['fixedMs', 'jitterMs']
const faultRateKeys = [
  'throttleRate',
  'serviceErrorRate',
  'quotaExceededRate',
  'conflictRate',
  'dropConnectionRate',
  'extractionFailureRate',
]
const loggerMethods = ['info', 'warn', 'error', 'debug']

/** Largest seed; the generator takes a 32-bit unsigned integer. */
const maxSeed = 2 ** 32 - 1
/** Upper bound of the added latency, in milliseconds. */
const maxLatencyMs = 600_000

/**
 * Checks the shape and ranges of `startEmulator` options, so that a wrong type fails at start-up with the
 * field's path instead of being ignored or failing on the first request.
 *
 * @throws EmulatorError with code `INVALID_OPTION`, naming the field, the value and what is expected.
 */
export function checkEmulatorOptions(options: unknown, context: CheckOptionsContext = {}): void {
  const checker = new OptionChecker(context)
  const root = checker.object(options, '', 'an object of startEmulator options')
  checker.knownKeys(root, '', optionKeys)

  checker.string(root.host, 'host', 'an interface address such as 127.0.0.1')
  checker.integer(root.port, 'port', 0, 65535)
  checker.string(root.db, 'db', 'a SQLite file path, or :memory:')
  checker.integer(root.extractionDelayMs, 'extractionDelayMs', 0, 3_600_000)
  checker.integer(root.seed, 'seed', 0, maxSeed)
  checker.integer(root.maxBodyBytes, 'maxBodyBytes', 0, 2 ** 31 - 1)
  checker.integer(root.requestLogLimit, 'requestLogLimit', 0, 10_000_000)
  checker.string(root.region, 'region', 'a region name such as us-east-1')
  if (root.namespaceMatch !== undefined && root.namespaceMatch !== 'prefix' && root.namespaceMatch !== 'exact') {
    throw checker.invalid('namespaceMatch', root.namespaceMatch, "'prefix' or 'exact'")
  }
  checkLogger(checker, root.logger)
  checkMemories(checker, root.memories)
  checkLatency(checker, root.latency)
  checkFaults(checker, root.faults)
}

function checkLogger(checker: OptionChecker, logger: unknown): void {
  if (logger === undefined) return
  const methods = checker.object(logger, 'logger', 'an object with info, warn, error and debug methods')
  for (const method of loggerMethods) {
    if (typeof methods[method] !== 'function') {
      throw checker.invalid(`logger.${method}`, methods[method], 'a function, as in a pino logger')
    }
  }
}

function checkMemories(checker: OptionChecker, memories: unknown): void {
  if (memories === undefined) return
  if (!Array.isArray(memories)) {
    throw checker.invalid('memories', memories, 'an array of memory definitions such as [{ "id": "demo-AAAAAAAAAA" }]')
  }
  memories.forEach((value: unknown, index) => {
    const path = `memories[${index}]`
    const memory = checker.object(value, path, 'a memory definition such as { "id": "demo-AAAAAAAAAA" }')
    checker.knownKeys(memory, path, memoryKeys)
    checker.string(memory.id, `${path}.id`, '<name>-<10 alphanumerics>, for example demo_memory-AAAAAAAAAA')
    if (typeof memory.id === 'string' && !memoryIdPattern.test(memory.id)) {
      throw checker.invalid(`${path}.id`, memory.id, '<name>-<10 alphanumerics>, for example demo_memory-AAAAAAAAAA')
    }
    checker.string(memory.name, `${path}.name`, 'a memory name')
    checker.integer(memory.eventExpiryDays, `${path}.eventExpiryDays`, 1, 365)
    checkStrategies(checker, memory.strategies, `${path}.strategies`)
  })
}

function checkStrategies(checker: OptionChecker, strategies: unknown, path: string): void {
  if (strategies === undefined) return
  const example = '{ "type": "semantic", "namespace": "/users/{actorId}/facts/" }'
  if (!Array.isArray(strategies)) throw checker.invalid(path, strategies, `an array of strategies such as [${example}]`)
  strategies.forEach((value: unknown, index) => {
    const strategyPath = `${path}[${index}]`
    const strategy = checker.object(value, strategyPath, `a strategy such as ${example}`)
    checker.knownKeys(strategy, strategyPath, strategyKeys)
    if (typeof strategy.type !== 'string' || !(strategyKinds as readonly string[]).includes(strategy.type)) {
      throw checker.invalid(`${strategyPath}.type`, strategy.type, `one of ${strategyKinds.join(', ')}`)
    }
    const template = strategy.namespace
    if (typeof template !== 'string' || template === '' || !namespaceTemplatePattern.test(template)) {
      throw checker.invalid(
        `${strategyPath}.namespace`,
        template,
        "a namespace template of letters, digits, '-', '_', '/' and placeholders such as /users/{actorId}/facts/",
      )
    }
    if (strategy.id !== undefined && (typeof strategy.id !== 'string' || !strategyIdPattern.test(strategy.id))) {
      throw checker.invalid(`${strategyPath}.id`, strategy.id, "letters, digits, '-' and '_', at most 100 characters")
    }
    checker.string(strategy.name, `${strategyPath}.name`, 'a strategy name')
  })
}

function checkLatency(checker: OptionChecker, latency: unknown): void {
  if (latency === undefined) return
  const options = checker.object(latency, 'latency', 'an object with default and perOperation')
  checker.knownKeys(options, 'latency', ['default', 'perOperation'])
  checkLatencySpec(checker, options.default, 'latency.default')
  if (options.perOperation === undefined) return
  const perOperation = checker.object(
    options.perOperation,
    'latency.perOperation',
    'an object keyed by AWS operation name, such as { "ListEvents": { "fixedMs": 5 } }',
  )
  for (const [operation, spec] of Object.entries(perOperation)) {
    checkLatencySpec(checker, spec, `latency.perOperation.${operation}`)
  }
}

function checkLatencySpec(checker: OptionChecker, spec: unknown, path: string): void {
  if (spec === undefined) return
  const values = checker.object(spec, path, 'an object such as { "fixedMs": 50, "jitterMs": 10 }')
  checker.knownKeys(values, path, latencySpecKeys)
  for (const key of latencySpecKeys) checker.number(values[key], `${path}.${key}`, 0, maxLatencyMs, 'milliseconds')
}

function checkFaults(checker: OptionChecker, faults: unknown): void {
  if (faults === undefined) return
  const options = checker.object(faults, 'faults', 'an object of fault rates such as { "throttleRate": 0.1 }')
  checker.knownKeys(options, 'faults', [...faultRateKeys, 'operations', 'limit'])
  for (const key of faultRateKeys) checker.number(options[key], `faults.${key}`, 0, 1, 'a probability')
  checker.integer(options.limit, 'faults.limit', 0, Number.MAX_SAFE_INTEGER)
  const operations = options.operations
  if (
    operations !== undefined &&
    (!Array.isArray(operations) || !operations.every((name: unknown) => typeof name === 'string'))
  ) {
    throw checker.invalid('faults.operations', operations, 'an array of AWS operation names such as ["CreateEvent"]')
  }
}

/** Type and range checks that build messages with the field's path and, for a config file, the file name. */
class OptionChecker {
  readonly #context: CheckOptionsContext

  constructor(context: CheckOptionsContext) {
    this.#context = context
  }

  object(value: unknown, path: string, expected: string): Record<string, unknown> {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw this.invalid(path, value, expected)
    return value as Record<string, unknown>
  }

  string(value: unknown, path: string, expected: string): void {
    if (value !== undefined && (typeof value !== 'string' || value === '')) {
      throw this.invalid(path, value, `a non-empty string: ${expected}`)
    }
  }

  integer(value: unknown, path: string, min: number, max: number): void {
    if (value !== undefined && !(Number.isInteger(value) && (value as number) >= min && (value as number) <= max)) {
      throw this.invalid(path, value, `an integer from ${min} to ${max}`)
    }
  }

  number(value: unknown, path: string, min: number, max: number, unit: string): void {
    if (value !== undefined && !(typeof value === 'number' && value >= min && value <= max)) {
      throw this.invalid(path, value, `${unit} from ${min} to ${max}`)
    }
  }

  /** Rejects keys outside `allowed`, for config files only. */
  knownKeys(value: Record<string, unknown>, path: string, allowed: readonly string[]): void {
    if (this.#context.configFile === undefined) return
    const unknown = Object.keys(value).find((key) => !allowed.includes(key))
    if (unknown === undefined) return
    const field = path === '' ? unknown : `${path}.${unknown}`
    throw new EmulatorError(
      'INVALID_OPTION',
      `Unknown option ${field}${this.#where()}: expected one of ${allowed.join(', ')}. Check the spelling.`,
    )
  }

  invalid(path: string, value: unknown, expected: string): EmulatorError {
    const field = path === '' ? 'options' : path
    return new EmulatorError(
      'INVALID_OPTION',
      `Invalid ${field} ${describeValue(value)}${this.#where()}: expected ${expected}.`,
    )
  }

  #where(): string {
    return this.#context.configFile === undefined ? '' : ` in the config file ${this.#context.configFile}`
  }
}

/** Shows a value in a message: strings quoted, the type of objects and functions, and at most 60 characters. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${truncate(value)}'`
  if (typeof value === 'function') return '(a function)'
  if (Array.isArray(value)) return '(an array)'
  if (value === null) return 'null'
  if (typeof value === 'object') return '(an object)'
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined) return String(value)
  return `(a ${typeof value})`
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}
