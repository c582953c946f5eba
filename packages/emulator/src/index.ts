/**
 * Local AgentCore Memory server for tests, demos and benchmarks.
 * @module
 */
export { formatEventId } from './event-id'
