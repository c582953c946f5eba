/**
 * Helpers for testing code that uses `@agentcore-session/core`: an in-memory
 * AgentCore Memory backend to pass as a session's `client`, and a clock that
 * moves only when the test advances it.
 * @module
 */
export { type Clock, ManualClock } from '../manual-clock'
export { InMemoryAgentCoreMemory, type InMemoryRecord } from './in-memory-agentcore-memory'
