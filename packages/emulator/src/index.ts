/**
 * Local AgentCore Memory server for tests, demos and benchmarks.
 * @module
 */
export { type Emulator, startEmulator } from './emulator'
export { EmulatorError, type EmulatorErrorCode, type EmulatorErrorOptions } from './errors'
export { formatEventId } from './event-id'
export type {
  EmulatorClientConfig,
  EmulatorLogger,
  EmulatorOptions,
  FaultOptions,
  LatencyOptions,
  LatencySpec,
  MemoryDefinition,
  RequestLogEntry,
  StrategyDefinition,
  StrategyKind,
} from './options'
