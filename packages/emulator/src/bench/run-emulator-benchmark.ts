import { performance } from 'node:perf_hooks'
import {
  BedrockAgentCoreClient,
  CreateEventCommand,
  GetEventCommand,
  ListEventsCommand,
  RetrieveMemoryRecordsCommand,
} from '@aws-sdk/client-bedrock-agentcore'
import { type Emulator, startEmulator } from '../emulator'
import { EmulatorError } from '../errors'

/** Operations that the benchmark measures, one phase each. */
export type BenchmarkOperation = 'CreateEvent' | 'GetEvent' | 'ListEvents' | 'RetrieveMemoryRecords'

/** Options of `runEmulatorBenchmark`. */
export interface EmulatorBenchmarkOptions {
  /** Total measuring time in milliseconds, split evenly between the operations. */
  durationMs: number
  /** Requests in flight at once, one loop per worker. */
  concurrency: number
  /** Operations to measure; defaults to all four. */
  operations?: BenchmarkOperation[]
  /** Events in the session that ListEvents pages through; defaults to 100. */
  sessionEvents?: number
  /**
   * Endpoint of an emulator that is already running on a loopback address;
   * by default the benchmark starts its own in-process emulator.
   */
  endpoint?: string
  /** Memory id to use with `endpoint`; it must exist there. */
  memoryId?: string
}

/** Latency percentiles in milliseconds. */
export interface LatencyPercentiles {
  p50: number
  p90: number
  p99: number
  max: number
  mean: number
}

/** Measurements of one operation. */
export interface OperationBenchmark {
  operation: BenchmarkOperation
  /** Completed requests, failed ones included. */
  requests: number
  /** Requests that ended in an error. */
  errors: number
  /** Completed requests per second of the phase. */
  throughputPerSecond: number
  /** Client-observed latency of the requests. */
  latencyMs: LatencyPercentiles
}

/** Result of `runEmulatorBenchmark`. */
export interface EmulatorBenchmarkResult {
  durationMs: number
  concurrency: number
  operations: OperationBenchmark[]
}

const allOperations: BenchmarkOperation[] = ['CreateEvent', 'GetEvent', 'ListEvents', 'RetrieveMemoryRecords']
const benchmarkMemoryId = 'bench_memory-AAAAAAAAAA'
// Upper bound of requests per worker and phase, so that a loop ends even if the clock misbehaves.
const maxRequestsPerWorker = 1_000_000
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * Measures the emulator's throughput and latency per operation through the
 * real AWS SDK client. Client and server share one process unless `endpoint`
 * is given, so the numbers include the client's own CPU cost.
 */
export async function runEmulatorBenchmark(options: EmulatorBenchmarkOptions): Promise<EmulatorBenchmarkResult> {
  checkOptions(options)
  const operations = options.operations ?? allOperations
  let emulator: Emulator | undefined
  let endpoint = options.endpoint
  let memoryId = options.memoryId ?? benchmarkMemoryId
  if (endpoint === undefined) {
    emulator = await startEmulator({
      memories: [{ id: benchmarkMemoryId, strategies: [{ type: 'semantic', namespace: '/users/{actorId}/facts/' }] }],
    })
    endpoint = emulator.endpoint
    memoryId = benchmarkMemoryId
  }
  const client = new BedrockAgentCoreClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' },
    maxAttempts: 1,
  })
  try {
    const fixture = await prepareFixture(client, memoryId, options.sessionEvents ?? 100)
    await emulator?.waitForExtraction()
    const phaseMs = options.durationMs / operations.length
    const results: OperationBenchmark[] = []
    for (const operation of operations) {
      results.push(
        await measure(operation, phaseMs, options.concurrency, () =>
          sendOperation(client, operation, memoryId, fixture),
        ),
      )
    }
    return { durationMs: options.durationMs, concurrency: options.concurrency, operations: results }
  } finally {
    client.destroy()
    await emulator?.close()
  }
}

interface Fixture {
  eventId: string
  counter: { next: number }
}

async function prepareFixture(
  client: BedrockAgentCoreClient,
  memoryId: string,
  sessionEvents: number,
): Promise<Fixture> {
  let eventId = ''
  const start = Date.now()
  for (let index = 0; index < sessionEvents; index += 1) {
    const output = await client.send(
      new CreateEventCommand({
        memoryId,
        actorId: 'bench-user',
        sessionId: 'bench-read',
        eventTimestamp: new Date(start + index),
        payload: [
          {
            conversational: {
              content: { text: `My name is Bench. I live in Lisbon. Message ${index}.` },
              role: 'USER',
            },
          },
        ],
      }),
    )
    eventId = output.event?.eventId ?? eventId
  }
  return { eventId, counter: { next: 0 } }
}

function sendOperation(
  client: BedrockAgentCoreClient,
  operation: BenchmarkOperation,
  memoryId: string,
  fixture: Fixture,
): Promise<unknown> {
  const actorId = 'bench-user'
  switch (operation) {
    case 'CreateEvent': {
      fixture.counter.next += 1
      const payload = [
        { conversational: { content: { text: 'A benchmark message of ordinary length.' }, role: 'USER' as const } },
      ]
      const sessionId = `bench-write-${fixture.counter.next % 64}`
      return client.send(
        new CreateEventCommand({
          memoryId,
          actorId,
          sessionId,
          eventTimestamp: new Date(),
          payload,
          extractionMode: 'SKIP',
        }),
      )
    }
    case 'GetEvent':
      return client.send(new GetEventCommand({ memoryId, actorId, sessionId: 'bench-read', eventId: fixture.eventId }))
    case 'ListEvents':
      return client.send(new ListEventsCommand({ memoryId, actorId, sessionId: 'bench-read', maxResults: 100 }))
    case 'RetrieveMemoryRecords': {
      const searchCriteria = { searchQuery: 'where does the user live' }
      return client.send(new RetrieveMemoryRecordsCommand({ memoryId, namespace: '/users/', searchCriteria }))
    }
  }
}

async function measure(
  operation: BenchmarkOperation,
  phaseMs: number,
  concurrency: number,
  send: () => Promise<unknown>,
): Promise<OperationBenchmark> {
  const latencies: number[] = []
  let errors = 0
  const started = performance.now()
  const deadline = started + phaseMs
  const worker = async (): Promise<void> => {
    for (let count = 0; count < maxRequestsPerWorker && performance.now() < deadline; count += 1) {
      const before = performance.now()
      try {
        await send()
      } catch {
        errors += 1
      }
      latencies.push(performance.now() - before)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  const elapsedMs = performance.now() - started
  return {
    operation,
    requests: latencies.length,
    errors,
    throughputPerSecond: round((latencies.length / elapsedMs) * 1000),
    latencyMs: percentiles(latencies),
  }
}

function percentiles(values: number[]): LatencyPercentiles {
  if (values.length === 0) return { p50: 0, p90: 0, p99: 0, max: 0, mean: 0 }
  const sorted = [...values].sort((a, b) => a - b)
  const at = (fraction: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] as number
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length
  return {
    p50: round(at(0.5)),
    p90: round(at(0.9)),
    p99: round(at(0.99)),
    max: round(sorted.at(-1) as number),
    mean: round(mean),
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}

function checkOptions(options: EmulatorBenchmarkOptions): void {
  if (!(Number.isFinite(options.durationMs) && options.durationMs > 0 && options.durationMs <= 600_000)) {
    throw new EmulatorError(
      'INVALID_OPTION',
      `Invalid durationMs ${options.durationMs}: expected milliseconds from 1 to 600000.`,
    )
  }
  if (!(Number.isInteger(options.concurrency) && options.concurrency >= 1 && options.concurrency <= 1024)) {
    throw new EmulatorError(
      'INVALID_OPTION',
      `Invalid concurrency ${options.concurrency}: expected an integer from 1 to 1024.`,
    )
  }
  if (options.endpoint !== undefined) {
    const host = new URL(options.endpoint).host.replace(/:\d+$/, '')
    if (!loopbackHosts.has(host)) {
      throw new EmulatorError(
        'INVALID_OPTION',
        `Invalid endpoint ${options.endpoint}: the benchmark sends load only to loopback addresses (127.0.0.1, localhost, [::1]).`,
      )
    }
  }
}
