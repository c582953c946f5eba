/**
 * Helpers for testing code that uses `@agentcore-session/core`.
 * @module
 */
export { type Clock, ManualClock } from '../manual-clock'
