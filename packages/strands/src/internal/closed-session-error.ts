import { AgentCoreSessionError } from '@agentcore-session/core'
import { AgentCoreStrandsError } from '../errors'

/**
 * Rewords core's `SESSION_CLOSED` error for a Strands user, who built an `AgentCoreMemorySessionManager` and never
 * a core `MemorySession`. Keeps the code and wraps the core error as `cause`; returns any other error unchanged.
 */
export function toAdapterError(error: unknown, sessionId: string): unknown {
  if (!AgentCoreSessionError.isInstance(error) || error.code !== 'SESSION_CLOSED') return error
  if (AgentCoreStrandsError.isInstance(error)) return error
  return new AgentCoreStrandsError(
    'SESSION_CLOSED',
    `The AgentCoreMemorySessionManager of session '${sessionId}' is closed and accepts no more writes. ` +
      'Build a new AgentCoreMemorySessionManager, and a new agent with it, to continue the conversation.',
    { cause: error },
  )
}
