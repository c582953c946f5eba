/**
 * Helpers for testing Strands agents that use AgentCore Memory.
 * @module
 */
export { ManualClock } from '@agentcore-session/core/testing'
