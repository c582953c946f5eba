/**
 * AgentCore Memory sessions without memory round trips on the hot path.
 * @module
 */
export type { Clock } from './manual-clock'
