import { RESERVED_METADATA_KEYS, type StorageFormat } from '../codec'
import { InvalidOptionError } from '../errors/invalid-option-error'
import { resolveNamespaceTemplate } from '../ltm/namespace-template'
import { validateIdentifiers } from './identifiers'
import { type EventMetadata, normalizeMetadata } from './metadata'
import type { MemorySessionOptions, PersistenceMode } from './session-options'

/** One namespace to query, with its template resolved for this session. */
export interface ResolvedNamespace {
  /** The template as configured. */
  template: string
  /** The namespace path sent as `namespacePath`. */
  namespace: string
  /** `searchCriteria.topK`. */
  topK: number
  /** Minimum score a record needs. */
  relevanceScore: number
}

/** Session settings after validation, with defaults applied. */
export interface ResolvedSessionOptions {
  memoryId: string
  actorId: string
  sessionId: string
  agentId: string
  batchSize: number
  flushIntervalMs: number | undefined
  namespaces: ResolvedNamespace[]
  retrievalTimeoutMs: number
  contextTag: string
  restoreLimit: number | undefined
  filterRestoredToolContext: boolean
  defaultMetadata: EventMetadata
  persistenceMode: PersistenceMode
  storageFormat: StorageFormat
}

/** Keys core adds to every message event: `agentId` and `stateEventId`. */
export const reservedMessageKeyCount = 2

/**
 * Validates every option synchronously and applies defaults. Throws an
 * `InvalidOptionError` naming the first invalid option.
 */
export function validateOptions(options: MemorySessionOptions): ResolvedSessionOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidOptionError('options', 'Missing options: pass { memoryId, actorId, sessionId }.')
  }
  rejectUnknownKeys('options', options as object, sessionOptionKeys)
  const ids = validateIdentifiers(options)
  // Long-term memory extraction resolves the memory's own strategy templates, which this session cannot see,
  // so a '/' in the actor id is rejected whether or not this session retrieves anything.
  if (ids.actorId.includes('/') && options.allowUnsafeNamespaceIds !== true) {
    throw new InvalidOptionError(
      'actorId',
      `Invalid actorId '${ids.actorId}': a '/' crosses a namespace segment, so records extracted from this actor's events would land under the path of actor '${ids.actorId.split('/')[0]}' (for a strategy template such as /users/{actorId}/facts/), where that actor's retrieval finds them. Use an actor id without '/', or set allowUnsafeNamespaceIds: true if every actor id is trusted.`,
    )
  }

  const batchSize = integerInRange('batchSize', options.batchSize, 1, 100, 1)
  const flushIntervalMs =
    options.flushIntervalMs === undefined ? undefined : positiveNumber('flushIntervalMs', options.flushIntervalMs)
  const retrievalTimeoutMs =
    options.retrievalTimeoutMs === undefined ? 2_000 : positiveNumber('retrievalTimeoutMs', options.retrievalTimeoutMs)
  const restoreLimit =
    options.restoreLimit === undefined
      ? undefined
      : integerInRange('restoreLimit', options.restoreLimit, 1, Number.MAX_SAFE_INTEGER, 1)

  const contextTag = options.contextTag ?? 'user_context'
  if (typeof contextTag !== 'string' || !/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(contextTag)) {
    throw new InvalidOptionError(
      'contextTag',
      `Invalid contextTag '${String(contextTag)}': expected an XML tag name such as 'user_context' (a letter or '_', then letters, digits, '_', '-' or '.').`,
    )
  }

  const persistenceMode = options.persistenceMode ?? 'FULL'
  if (persistenceMode !== 'FULL' && persistenceMode !== 'NONE') {
    throw new InvalidOptionError(
      'persistenceMode',
      `Invalid persistenceMode '${String(persistenceMode)}': expected 'FULL' or 'NONE'.`,
    )
  }
  const storageFormat = options.storageFormat ?? 'native'
  if (storageFormat !== 'native' && storageFormat !== 'python') {
    throw new InvalidOptionError(
      'storageFormat',
      `Invalid storageFormat '${String(storageFormat)}': expected 'native' or 'python'.`,
    )
  }

  for (const flag of ['asyncMode', 'filterRestoredToolContext', 'allowUnsafeNamespaceIds'] as const) {
    if (options[flag] !== undefined && typeof options[flag] !== 'boolean') {
      throw new InvalidOptionError(flag, `Invalid ${flag} '${String(options[flag])}': expected true or false.`)
    }
  }
  if (options.metadataProvider !== undefined && typeof options.metadataProvider !== 'function') {
    throw new InvalidOptionError(
      'metadataProvider',
      'Invalid metadataProvider: expected a function returning metadata.',
    )
  }
  if (options.onError !== undefined && typeof options.onError !== 'function') {
    throw new InvalidOptionError('onError', 'Invalid onError: expected a function.')
  }
  if (options.logger !== undefined && !isLogger(options.logger)) {
    throw new InvalidOptionError(
      'logger',
      'Invalid logger: expected an object with debug, info, warn and error methods, such as a pino logger.',
    )
  }
  if (options.clock !== undefined && typeof options.clock !== 'function') {
    throw new InvalidOptionError('clock', 'Invalid clock: expected a function returning epoch milliseconds.')
  }

  const defaultMetadata = normalizeMetadata(
    'defaultMetadata',
    options.defaultMetadata,
    RESERVED_METADATA_KEYS,
    reservedMessageKeyCount,
  )
  const namespaces = resolveNamespaces(options, ids)
  return {
    ...ids,
    batchSize,
    flushIntervalMs,
    namespaces,
    retrievalTimeoutMs,
    contextTag,
    restoreLimit,
    filterRestoredToolContext: options.filterRestoredToolContext ?? false,
    defaultMetadata,
    persistenceMode,
    storageFormat,
  }
}

function resolveNamespaces(
  options: MemorySessionOptions,
  ids: { actorId: string; sessionId: string },
): ResolvedNamespace[] {
  const config = options.retrievalConfig
  if (config === undefined) {
    return []
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new InvalidOptionError(
      'retrievalConfig',
      'Invalid retrievalConfig: expected an object keyed by namespace template.',
    )
  }
  return Object.entries(config).map(([template, entry]) => {
    const option = `retrievalConfig['${template}']`
    if (typeof entry !== 'object' || entry === null) {
      throw new InvalidOptionError(option, `Invalid ${option}: expected { topK?, relevanceScore?, strategyId? }.`)
    }
    rejectUnknownKeys(option, entry, retrievalConfigKeys)
    const topK = integerInRange(`${option}.topK`, entry.topK, 1, 100, 10)
    const relevanceScore = entry.relevanceScore ?? 0.2
    if (typeof relevanceScore !== 'number' || !(relevanceScore >= 0 && relevanceScore <= 1)) {
      throw new InvalidOptionError(
        `${option}.relevanceScore`,
        `Invalid ${option}.relevanceScore ${String(relevanceScore)}: expected a number from 0 to 1.`,
      )
    }
    const variables =
      entry.strategyId === undefined
        ? { actorId: ids.actorId, sessionId: ids.sessionId }
        : { actorId: ids.actorId, sessionId: ids.sessionId, memoryStrategyId: entry.strategyId }
    const namespace = resolveNamespaceTemplate(template, variables, options.allowUnsafeNamespaceIds ?? false)
    return { template, namespace, topK, relevanceScore }
  })
}

function integerInRange(option: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined) {
    return fallback
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer of at least ${min}` : `an integer from ${min} to ${max}`
    throw new InvalidOptionError(option, `Invalid ${option} ${String(value)}: expected ${range}.`)
  }
  return value
}

function positiveNumber(option: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidOptionError(
      option,
      `Invalid ${option} ${String(value)}: expected a number of milliseconds above 0.`,
    )
  }
  return value
}

/** Every option `MemorySession` reads; anything else is a typo or a Python spelling. */
const sessionOptionKeys = [
  'memoryId',
  'actorId',
  'sessionId',
  'agentId',
  'client',
  'region',
  'endpoint',
  'asyncMode',
  'executor',
  'batchSize',
  'flushIntervalMs',
  'retrievalConfig',
  'retrievalTimeoutMs',
  'contextTag',
  'restoreLimit',
  'filterRestoredToolContext',
  'defaultMetadata',
  'metadataProvider',
  'persistenceMode',
  'storageFormat',
  'allowUnsafeNamespaceIds',
  'logger',
  'onError',
  'clock',
] as const

const retrievalConfigKeys = ['topK', 'relevanceScore', 'strategyId'] as const

/**
 * Rejects keys that `known` does not list, suggesting the known key that matches once case and underscores
 * are ignored, so `top_k` points to `topK` and `asyncmode` to `asyncMode`.
 */
function rejectUnknownKeys(option: string, value: object, known: readonly string[]): void {
  const fold = (key: string) => key.replaceAll('_', '').toLowerCase()
  for (const key of Object.keys(value)) {
    if (known.includes(key)) {
      continue
    }
    const suggestion = known.find((candidate) => fold(candidate) === fold(key))
    const path = option === 'options' ? key : `${option}.${key}`
    throw new InvalidOptionError(
      path,
      suggestion === undefined
        ? `Unknown option ${path}. Remove it, or use one of: ${known.join(', ')}.`
        : `Unknown option ${path}. Did you mean ${suggestion}?`,
    )
  }
}

function isLogger(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) {
    return false
  }
  const candidate = value as Record<string, unknown>
  return ['debug', 'info', 'warn', 'error'].every((method) => typeof candidate[method] === 'function')
}
