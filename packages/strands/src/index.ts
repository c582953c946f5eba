/**
 * AgentCore Memory session manager for Strands TypeScript agents.
 * @module
 */
export type { Clock } from '@agentcore-session/core'
