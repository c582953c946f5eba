import { InvalidOptionError } from '../errors/invalid-option-error'

/** Service patterns of the identifiers a session uses. */
export const identifierPatterns = {
  memoryId: /^[a-zA-Z][a-zA-Z0-9_-]{0,99}-[a-zA-Z0-9]{10}$/,
  memoryArn:
    /^arn:aws[a-z-]*:bedrock-agentcore:[a-z0-9-]+:[0-9]{12}:memory\/[a-zA-Z][a-zA-Z0-9_-]{0,99}-[a-zA-Z0-9]{10}$/,
  actorId: /^[a-zA-Z0-9][a-zA-Z0-9_/-]*(?::[a-zA-Z0-9_/-]+)*[a-zA-Z0-9_/-]*$/,
  sessionId: /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/,
  strategyId: /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/,
  metadataText: /^[a-zA-Z0-9\s._:/=+@-]*$/,
} as const

/** Checks the memory, actor, session and agent ids against the service's patterns and lengths. */
export function validateIdentifiers(ids: {
  memoryId: unknown
  actorId: unknown
  sessionId: unknown
  agentId?: unknown
}) {
  const memoryId = requireString('memoryId', ids.memoryId)
  if (!identifierPatterns.memoryId.test(memoryId) && !identifierPatterns.memoryArn.test(memoryId)) {
    throw new InvalidOptionError(
      'memoryId',
      `Invalid memoryId '${memoryId}': expected '<name>-<10 letters or digits>' such as 'my_memory-GU1PAu70oU', or a memory ARN.`,
    )
  }
  const actorId = requireString('actorId', ids.actorId)
  if (actorId.length > 255 || !identifierPatterns.actorId.test(actorId)) {
    throw new InvalidOptionError(
      'actorId',
      `Invalid actorId '${actorId}': expected 1 to 255 letters, digits, '-', '_', '/' or ':', starting with a letter or digit.`,
    )
  }
  const sessionId = requireString('sessionId', ids.sessionId)
  if (sessionId.length > 100 || !identifierPatterns.sessionId.test(sessionId)) {
    throw new InvalidOptionError(
      'sessionId',
      `Invalid sessionId '${sessionId}': expected 1 to 100 letters, digits, '-' or '_', starting with a letter or digit.`,
    )
  }
  const agentId = ids.agentId === undefined ? 'default' : requireString('agentId', ids.agentId)
  // The agent id travels as an event metadata value, so it follows the metadata rules.
  if (agentId.length > 256 || !identifierPatterns.metadataText.test(agentId) || agentId.trim() === '') {
    throw new InvalidOptionError(
      'agentId',
      `Invalid agentId '${agentId}': expected 1 to 256 letters, digits, spaces or any of . _ : / = + @ -.`,
    )
  }
  return { memoryId, actorId, sessionId, agentId }
}

function requireString(option: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new InvalidOptionError(option, `Missing ${option}: pass a non-empty string.`)
  }
  return value
}
