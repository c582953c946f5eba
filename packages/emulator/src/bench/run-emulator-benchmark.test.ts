import { describe, expect, it } from 'vitest'
import { runEmulatorBenchmark } from './run-emulator-benchmark'

describe('runEmulatorBenchmark', () => {
  it('measures every operation', async () => {
    const result = await runEmulatorBenchmark({ durationMs: 200, concurrency: 2, sessionEvents: 5 })
    expect(result.operations.map((entry) => entry.operation)).toEqual([
      'CreateEvent',
      'GetEvent',
      'ListEvents',
      'RetrieveMemoryRecords',
    ])
    for (const entry of result.operations) {
      expect(entry.requests).toBeGreaterThan(0)
      expect(entry.errors).toBe(0)
      expect(entry.latencyMs.p99).toBeGreaterThanOrEqual(entry.latencyMs.p50)
    }
  })

  it('rejects a non-loopback endpoint', async () => {
    await expect(
      runEmulatorBenchmark({ durationMs: 10, concurrency: 1, endpoint: 'http://192.0.2.1:8799' }),
    ).rejects.toThrow(/only to loopback addresses/)
  })
})
