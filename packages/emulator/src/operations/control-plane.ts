import { EmulatorError } from '../errors'
import { ApiError, notFound } from '../internal/api-error'
import { clientTokenRule, paginationTokenRule, parseMemoryId } from '../internal/constraints'
import { toEpochSeconds } from '../internal/event-row'
import { withClientToken } from '../internal/idempotency'
import { randomAlphanumerics } from '../internal/ids'
import type { Memory, Strategy } from '../internal/memory-registry'
import type { OperationContext, OperationHandler } from '../internal/operation'
import { decodeToken, encodeToken } from '../internal/pagination'
import { Validator } from '../internal/validator'
import type { StrategyDefinition, StrategyKind } from '../options'

// Control-plane strategy members, their service type names and emulator kinds.
const strategyMembers: [string, string, StrategyKind][] = [
  ['semanticMemoryStrategy', 'SEMANTIC', 'semantic'],
  ['userPreferenceMemoryStrategy', 'USER_PREFERENCE', 'userPreference'],
  ['summaryMemoryStrategy', 'SUMMARIZATION', 'summary'],
]

// Default namespace templates of the AgentCore Python SDK, used when a strategy names none.
const defaultNamespaces: Record<StrategyKind, string> = {
  semantic: '/strategies/{memoryStrategyId}/actors/{actorId}/',
  userPreference: '/strategies/{memoryStrategyId}/actors/{actorId}/',
  summary: '/strategies/{memoryStrategyId}/actors/{actorId}/sessions/{sessionId}/',
}

const memoryNameRule = { required: true, min: 1, max: 48, pattern: /^[a-zA-Z][a-zA-Z0-9_]{0,47}$/ }
const strategyNameRule = { required: true, min: 1, max: 48, pattern: /^[a-zA-Z][a-zA-Z0-9_]{0,47}$/ }

/** `CreateMemory` (control plane): `POST /memories/create` → 202. The memory is `ACTIVE` at once. */
export const createMemory: OperationHandler = (context, request) => {
  const body = request.body
  const validator = new Validator()
  const name = validator.string(body.name, 'name', memoryNameRule)
  const description = validator.string(body.description, 'description', { min: 1, max: 4096, sensitive: true })
  const expiry = validator.number(body.eventExpiryDuration, 'eventExpiryDuration', {
    required: true,
    integer: true,
    min: 1,
    max: 365,
  })
  const clientToken = validator.string(body.clientToken, 'clientToken', clientTokenRule)
  const strategies = parseStrategies(validator, body.memoryStrategies)
  validator.throwIfInvalid()
  if (clientToken !== undefined) request.logFields.clientToken = clientToken

  return withClientToken(
    context.db,
    { memoryId: '', operation: 'CreateMemory', token: clientToken },
    { ...body, clientToken: undefined },
    () => {
      const definition = { name: name as string, eventExpiryDays: expiry as number, strategies }
      let memory: Memory
      try {
        memory = context.memories.create(
          definition,
          description === undefined ? { declared: false } : { declared: false, description },
        )
      } catch (error) {
        if (EmulatorError.isInstance(error) && error.code === 'INVALID_OPTION') {
          throw new ApiError('ValidationException', 400, error.message, { reason: 'FieldValidationFailed' })
        }
        throw error
      }
      request.logFields.memoryId = memory.id
      return { status: 202, body: { memory: memoryToWire(memory, context) } }
    },
  )
}

/** `GetMemory` (control plane): `GET /memories/{memoryId}/details`. */
export const getMemory: OperationHandler = (context, request) => {
  const memoryId = parseMemoryId(request.labels.memoryId)
  request.logFields.memoryId = memoryId
  return { status: 200, body: { memory: memoryToWire(context.memories.require(memoryId), context) } }
}

/** `ListMemories` (control plane): `POST /memories/`, oldest first. */
export const listMemories: OperationHandler = (context, request) => {
  const validator = new Validator()
  const maxResults = validator.number(request.body.maxResults, 'maxResults', { integer: true, min: 1, max: 100 }) ?? 100
  const nextToken = validator.string(request.body.nextToken, 'nextToken', paginationTokenRule)
  validator.throwIfInvalid()
  const offset = decodeToken('ListMemories', nextToken)
  const start = typeof offset === 'number' ? offset : 0
  const memories = context.memories.list().filter((memory) => memory.status === 'ACTIVE')
  const page = memories.slice(start, start + maxResults)
  const output: Record<string, unknown> = {
    memories: page.map((memory) => ({
      arn: memoryArn(memory.id, context),
      id: memory.id,
      status: memory.status,
      createdAt: toEpochSeconds(memory.createdAtMs),
      updatedAt: toEpochSeconds(memory.updatedAtMs),
    })),
  }
  if (start + maxResults < memories.length) output.nextToken = encodeToken('ListMemories', start + maxResults)
  return { status: 200, body: output }
}

/** `DeleteMemory` (control plane): `DELETE /memories/{memoryId}/delete` → 202. Deletes at once, with all data. */
export const deleteMemory: OperationHandler = (context, request) => {
  const memoryId = parseMemoryId(request.labels.memoryId)
  request.logFields.memoryId = memoryId
  if (context.memories.find(memoryId) === undefined) throw notFound(`Memory not found: ${memoryId}`)
  context.memories.delete(memoryId)
  return { status: 202, body: { memoryId, status: 'DELETING' } }
}

function parseStrategies(validator: Validator, value: unknown): StrategyDefinition[] {
  const list = validator.list(value, 'memoryStrategies', { max: 6 })
  if (list === undefined) return []
  const strategies: StrategyDefinition[] = []
  list.forEach((item, index) => {
    const path = `memoryStrategies.${index}`
    const union = validator.object(item, path, true)
    if (union === undefined) return
    const members = Object.keys(union).filter((key) => union[key] !== undefined && union[key] !== null)
    const entry = strategyMembers.find(([member]) => member === members[0])
    if (members.length !== 1 || entry === undefined) {
      validator.fail(
        path,
        `Member must set exactly one of: ${strategyMembers.map(([member]) => member).join(', ')} (the emulator does not support custom or episodic strategies)`,
        members.join(','),
      )
      return
    }
    const [member, , kind] = entry
    const strategy = validator.object(union[member], `${path}.${member}`, true)
    if (strategy === undefined) return
    const name = validator.string(strategy.name, `${path}.${member}.name`, strategyNameRule)
    const templates = validator.list(
      strategy.namespaceTemplates ?? strategy.namespaces,
      `${path}.${member}.namespaceTemplates`,
      { max: 1 },
    )
    templates?.forEach((template, templateIndex) => {
      validator.string(template, `${path}.${member}.namespaceTemplates.${templateIndex}`, {
        required: true,
        min: 1,
        max: 1024,
        pattern: /^[a-zA-Z0-9\-_/]*(\{[a-zA-Z0-9_]+\}[a-zA-Z0-9\-_/]*)*$/,
      })
    })
    if (name === undefined) return
    const namespace = typeof templates?.[0] === 'string' ? templates[0] : defaultNamespaces[kind]
    strategies.push({ type: kind, namespace, name, id: `${name}-${randomAlphanumerics(10)}` })
  })
  return strategies
}

function memoryToWire(memory: Memory, context: OperationContext): Record<string, unknown> {
  const wire: Record<string, unknown> = {
    arn: memoryArn(memory.id, context),
    id: memory.id,
    name: memory.name,
    eventExpiryDuration: memory.eventExpiryDays,
    status: memory.status,
    createdAt: toEpochSeconds(memory.createdAtMs),
    updatedAt: toEpochSeconds(memory.updatedAtMs),
    strategies: memory.strategies.map((strategy) => strategyToWire(strategy, memory)),
  }
  if (memory.description !== undefined) wire.description = memory.description
  return wire
}

function strategyToWire(strategy: Strategy, memory: Memory): Record<string, unknown> {
  const type = strategyMembers.find(([, , kind]) => kind === strategy.type)?.[1] ?? 'CUSTOM'
  return {
    strategyId: strategy.id,
    name: strategy.name,
    type,
    namespaces: [strategy.namespace],
    namespaceTemplates: [strategy.namespace],
    status: 'ACTIVE',
    createdAt: toEpochSeconds(memory.createdAtMs),
    updatedAt: toEpochSeconds(memory.updatedAtMs),
  }
}

function memoryArn(memoryId: string, context: OperationContext): string {
  return `arn:aws:bedrock-agentcore:${context.region}:123456789012:memory/${memoryId}`
}
