import type { LatencyOptions } from '@agentcore-session/emulator'

/** A request from the benchmark to its emulator process. */
export type EmulatorRequest =
  | { id: number; kind: 'counts' }
  | { id: number; kind: 'clear' }
  | { id: number; kind: 'latency'; latency: LatencyOptions }
  | { id: number; kind: 'memory' }
  | { id: number; kind: 'cpu' }
  | { id: number; kind: 'close' }

/** The emulator process's reply to the request with the same `id`. Id 0 announces the endpoint at start-up. */
export type EmulatorResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string }
