import { InvalidOptionError } from '../errors/invalid-option-error'
import { identifierPatterns } from '../session/identifiers'

const placeholderNames = ['actorId', 'sessionId', 'memoryStrategyId'] as const

/** The values a namespace template can use. */
export interface NamespaceVariables {
  /** Replaces `{actorId}`. */
  actorId: string
  /** Replaces `{sessionId}`. */
  sessionId: string
  /** Replaces `{memoryStrategyId}`; required when the template uses it. */
  memoryStrategyId?: string
}

/** The service's pattern for namespaces: no braces, dots or spaces. */
const namespacePattern = /^[a-zA-Z0-9/*][a-zA-Z0-9_/*-]*(?::[a-zA-Z0-9_/*-]+)*[a-zA-Z0-9_/*-]*$/

/**
 * Resolves a namespace template such as `/facts/{actorId}/` for one session.
 * Only `{actorId}`, `{sessionId}` and `{memoryStrategyId}` are accepted; any
 * other brace is an `INVALID_OPTION` error naming the template. An `actorId`
 * containing `/` is rejected unless `allowUnsafeIds` is set, because it would
 * place the actor's records under another actor's path.
 */
export function resolveNamespaceTemplate(
  template: string,
  variables: NamespaceVariables,
  allowUnsafeIds: boolean,
): string {
  const option = `retrievalConfig['${template}']`
  const used = new Set<string>()
  const resolved = template.replace(/\{([^{}]*)\}/g, (_match, name: string) => {
    if (!(placeholderNames as readonly string[]).includes(name)) {
      throw new InvalidOptionError(
        option,
        `Invalid namespace template '${template}': unknown placeholder {${name}}. Use only {actorId}, {sessionId} and {memoryStrategyId}.`,
      )
    }
    used.add(name)
    const value = variables[name as keyof NamespaceVariables]
    if (value === undefined || value === '') {
      throw new InvalidOptionError(
        `${option}.strategyId`,
        `Missing strategyId for namespace template '${template}': it uses {memoryStrategyId}, so set retrievalConfig['${template}'].strategyId.`,
      )
    }
    return value
  })
  if (resolved.includes('{') || resolved.includes('}')) {
    throw new InvalidOptionError(
      option,
      `Invalid namespace template '${template}': unbalanced brace. Use only {actorId}, {sessionId} and {memoryStrategyId}.`,
    )
  }
  if (used.has('actorId') && variables.actorId.includes('/') && !allowUnsafeIds) {
    throw new InvalidOptionError(
      'actorId',
      `Invalid actorId '${variables.actorId}' for namespace template '${template}': a '/' in the actor id crosses a namespace segment, so this actor's records would sit under another actor's path. Use an actor id without '/', or set allowUnsafeNamespaceIds: true if every actor id is trusted.`,
    )
  }
  if (variables.memoryStrategyId !== undefined && !identifierPatterns.strategyId.test(variables.memoryStrategyId)) {
    throw new InvalidOptionError(
      `${option}.strategyId`,
      `Invalid strategyId '${variables.memoryStrategyId}': expected letters, digits, '-' or '_', starting with a letter or digit.`,
    )
  }
  if (resolved.length > 1024 || !namespacePattern.test(resolved)) {
    throw new InvalidOptionError(
      option,
      `Invalid namespace template '${template}': it resolves to '${resolved}', which is not a valid namespace (up to 1024 letters, digits, '/', '-', '_', '*' or ':').`,
    )
  }
  return resolved
}
