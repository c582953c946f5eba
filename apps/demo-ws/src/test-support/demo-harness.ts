import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { pino } from 'pino'
import type { DemoConfig } from '../config'
import { type DemoOverrides, type RunningDemo, startDemo } from '../demo'

/** Log lines written by a test demo, parsed from its JSON output. */
export type LogLine = Record<string, unknown> & { level: number; msg: string }

/** A demo started for a test: the emulator in memory, fast model and memory latency, loopback only. */
export interface TestDemo extends RunningDemo {
  /** Base URL of the page. */
  readonly url: string
  /** Every log line so far. */
  readonly logs: LogLine[]
  /** Every log line so far, as written. */
  readonly rawLogs: string[]
  /** Stops the demo and removes its data folder. */
  stop(): Promise<void>
}

/** Emulator latency of test demos: enough to interleave calls, small enough to keep tests fast. */
export const testLatency = { default: { fixedMs: 1, jitterMs: 2 } }

/** Token secret for tests: fixed, 40 bytes. */
export const testTokenSecret = 'test-secret-with-enough-bytes-0123456789'

/**
 * Starts the demo on 127.0.0.1 with an ephemeral port, the emulator's in-memory database, a few milliseconds of
 * memory latency and model delay, and a debug-level logger captured in memory. No AWS setting is read.
 */
export async function startTestDemo(overrides: DemoOverrides & { allowedOrigins?: string[] } = {}): Promise<TestDemo> {
  const dataDir = await mkdtemp(join(tmpdir(), 'demo-ws-test-'))
  const logs: LogLine[] = []
  const rawLogs: string[] = []
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue
        rawLogs.push(line)
        logs.push(JSON.parse(line) as LogLine)
      }
      callback()
    },
  })
  const config: DemoConfig = {
    host: '127.0.0.1',
    port: 0,
    dataDir,
    allowedOrigins: overrides.allowedOrigins,
    tokenSecret: testTokenSecret,
    memory: { kind: 'emulator', db: ':memory:' },
    model: { kind: 'offline' },
    logLevel: 'debug',
  }
  const demo = await startDemo(config, pino({ level: 'debug' }, sink), {
    latency: testLatency,
    offlineDelays: { firstTokenMs: 1, minTokenMs: 1, maxTokenMs: 2 },
    ...overrides,
  })
  return {
    ...demo,
    url: demo.server.url,
    logs,
    rawLogs,
    stop: async () => {
      await demo.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
