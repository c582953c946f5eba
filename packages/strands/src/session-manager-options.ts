import type { MemorySessionOptions } from '@agentcore-session/core'

/**
 * Options of {@link AgentCoreMemorySessionManager}: every option of core's `MemorySession` (the Python
 * `AgentCoreMemoryConfig` fields in camelCase, plus `client`, `region`, `endpoint`, `executor`,
 * `restoreLimit`, `retrievalTimeoutMs`, `storageFormat`, `logger` and `onError`), and the options below.
 * All of them are validated when the manager is built: core's by core, and the options below by this package.
 */
export interface AgentCoreMemorySessionManagerOptions extends MemorySessionOptions {
  /**
   * Id that scopes this agent's messages and state inside the session, so several agents can share it.
   * Default: the Strands agent's `id` (`'agent'` unless the agent sets one).
   */
  agentId?: string
  /**
   * Makes the end of each invocation wait until every write of the session is durable, in async mode.
   * A failed write then fails the invocation. Default `false`: writes stay behind the caller, and
   * failures go to `onError` and to the next `flush()`. Inline mode always waits for each write.
   */
  flushOnInvocationEnd?: boolean
  /**
   * Starts restoring the session when the manager is built, so the history is often ready before the
   * first invocation needs it. Default `true`. Set `false` to start it later with `prefetch()`, or on the
   * agent's first invocation.
   */
  prefetch?: boolean
}

/** Agent id that Strands gives an agent built without `id`. */
export const STRANDS_DEFAULT_AGENT_ID = 'agent'
