/**
 * AgentCore Memory session manager for Strands TypeScript agents.
 * @module
 */
export { AgentCoreMemorySessionManager } from './agentcore-memory-session-manager'
export { AgentCoreStrandsError, type AgentCoreStrandsErrorCode } from './errors'
export type { AgentCoreMemorySessionManagerOptions } from './session-manager-options'
