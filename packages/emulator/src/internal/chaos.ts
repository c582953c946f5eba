import { EmulatorError } from '../errors'
import type { FaultOptions, LatencyOptions, LatencySpec } from '../options'
import { ApiError } from './api-error'
import { seededRandom } from './random'

const controlPlaneOperations = new Set(['CreateMemory', 'GetMemory', 'ListMemories', 'DeleteMemory'])

/** Outcome of the fault draw for one request. */
export type FaultDecision = { kind: 'none' } | { kind: 'drop' } | { kind: 'error'; error: ApiError }

/**
 * Latency and fault injection. Both draw from one seeded generator, in request
 * arrival order.
 */
export class Chaos {
  private latency: LatencyOptions = {}
  private faults: FaultOptions = {}
  private readonly random: () => number
  private injectedFaults = 0

  constructor(seed: number, latency: LatencyOptions | undefined, faults: FaultOptions | undefined) {
    this.random = seededRandom(seed)
    this.setLatency(latency ?? {})
    this.setFaults(faults ?? {})
  }

  /** Replaces the latency settings after checking them. */
  setLatency(latency: LatencyOptions): void {
    checkLatencySpec(latency.default, 'latency.default')
    for (const [operation, spec] of Object.entries(latency.perOperation ?? {})) {
      checkLatencySpec(spec, `latency.perOperation.${operation}`)
    }
    this.latency = structuredClone(latency)
  }

  /** Replaces the fault settings after checking them. */
  setFaults(faults: FaultOptions): void {
    for (const name of [
      'throttleRate',
      'serviceErrorRate',
      'quotaExceededRate',
      'conflictRate',
      'dropConnectionRate',
      'extractionFailureRate',
    ] as const) {
      const rate = faults[name]
      if (rate !== undefined && (typeof rate !== 'number' || !(rate >= 0 && rate <= 1))) {
        throw new EmulatorError(
          'INVALID_OPTION',
          `Invalid faults.${name} ${String(rate)}: expected a probability from 0 to 1.`,
        )
      }
    }
    if (faults.limit !== undefined && !(Number.isInteger(faults.limit) && faults.limit >= 0)) {
      throw new EmulatorError(
        'INVALID_OPTION',
        `Invalid faults.limit ${String(faults.limit)}: expected a non-negative integer.`,
      )
    }
    if (faults.operations !== undefined && !Array.isArray(faults.operations)) {
      throw new EmulatorError('INVALID_OPTION', 'Invalid faults.operations: expected a list of AWS operation names.')
    }
    this.faults = structuredClone(faults)
    this.injectedFaults = 0
  }

  /** Returns a copy of the current latency settings. */
  currentLatency(): LatencyOptions {
    return structuredClone(this.latency)
  }

  /** Returns a copy of the current fault settings. */
  currentFaults(): FaultOptions {
    return structuredClone(this.faults)
  }

  /** Draws the delay in milliseconds to add before the response to `operation`. */
  drawDelayMs(operation: string): number {
    const spec = this.latency.perOperation?.[operation] ?? this.latency.default
    if (spec === undefined) return 0
    const fixed = spec.fixedMs ?? 0
    const jitter = spec.jitterMs ?? 0
    return jitter > 0 ? fixed + this.random() * jitter : fixed
  }

  /** Draws whether `operation` fails, and how. */
  drawFault(operation: string): FaultDecision {
    const faults = this.faults
    if (faults.operations !== undefined && !faults.operations.includes(operation)) return { kind: 'none' }
    if (faults.limit !== undefined && this.injectedFaults >= faults.limit) return { kind: 'none' }
    const decision = this.drawFaultKind(operation)
    if (decision.kind !== 'none') this.injectedFaults += 1
    return decision
  }

  private drawFaultKind(operation: string): FaultDecision {
    const faults = this.faults
    if (this.hit(faults.dropConnectionRate)) return { kind: 'drop' }
    // The control plane models throttling and internal failures with other exception names than the data plane.
    const controlPlane = controlPlaneOperations.has(operation)
    if (this.hit(faults.throttleRate)) {
      const name = controlPlane ? 'ThrottlingException' : 'ThrottledException'
      return { kind: 'error', error: new ApiError(name, 429, 'Rate exceeded. Retry with backoff.') }
    }
    if (this.hit(faults.serviceErrorRate)) {
      const name = controlPlane ? 'InternalServerException' : 'ServiceException'
      return { kind: 'error', error: new ApiError(name, 500, 'The service failed to process the request. Retry it.') }
    }
    if (this.hit(faults.quotaExceededRate)) {
      return {
        kind: 'error',
        error: new ApiError(
          'ServiceQuotaExceededException',
          402,
          'A service quota was exceeded. Reduce the request rate or size.',
        ),
      }
    }
    if (operation === 'CreateEvent' && this.hit(faults.conflictRate)) {
      return {
        kind: 'error',
        error: new ApiError(
          'RetryableConflictException',
          409,
          'A concurrent write to this session conflicted. Retry the request.',
        ),
      }
    }
    return { kind: 'none' }
  }

  /** Draws whether one background extraction fails. */
  drawExtractionFailure(): boolean {
    return this.hit(this.faults.extractionFailureRate)
  }

  private hit(rate: number | undefined): boolean {
    return rate !== undefined && rate > 0 && this.random() < rate
  }
}

function checkLatencySpec(spec: LatencySpec | undefined, path: string): void {
  if (spec === undefined) return
  for (const name of ['fixedMs', 'jitterMs'] as const) {
    const value = spec[name]
    if (value !== undefined && (typeof value !== 'number' || !(value >= 0 && value <= 600_000))) {
      throw new EmulatorError(
        'INVALID_OPTION',
        `Invalid ${path}.${name} ${String(value)}: expected milliseconds from 0 to 600000.`,
      )
    }
  }
}
