import { describe, expect, it } from 'vitest'
import { EmulatorError, type EmulatorOptions, startEmulator } from '../src/index'

const silentLogger = { info() {}, warn() {}, error() {}, debug() {} }

// Each case would start a server if the check were missing, so every emulator that starts is closed.
const invalidOptions: { options: Record<string, unknown>; message: string }[] = [
  { options: { host: '' }, message: "Invalid host ''" },
  { options: { host: 127 }, message: 'Invalid host 127' },
  { options: { region: '' }, message: "Invalid region ''" },
  { options: { region: ['us-east-1'] }, message: 'Invalid region (an array)' },
  { options: { seed: -1 }, message: 'Invalid seed -1: expected an integer from 0 to 4294967295' },
  { options: { seed: 1.5 }, message: 'Invalid seed 1.5' },
  { options: { seed: '1' }, message: "Invalid seed '1'" },
  { options: { maxBodyBytes: 1.5 }, message: 'Invalid maxBodyBytes 1.5' },
  { options: { maxBodyBytes: '10' }, message: "Invalid maxBodyBytes '10'" },
  { options: { requestLogLimit: -1 }, message: 'Invalid requestLogLimit -1' },
  { options: { namespaceMatch: 'fuzzy' }, message: "Invalid namespaceMatch 'fuzzy': expected 'prefix' or 'exact'" },
  { options: { memories: 'x' }, message: "Invalid memories 'x'" },
  { options: { memories: [{ id: 'demo-AAAAAAAAAA', strategies: {} }] }, message: 'memories[0].strategies' },
  { options: { logger: {} }, message: 'Invalid logger.info undefined' },
  { options: { faults: { quotaExceededRate: 2 } }, message: 'Invalid faults.quotaExceededRate 2' },
  { options: { faults: { operations: [1] } }, message: 'Invalid faults.operations' },
  { options: { latency: { default: 5 } }, message: 'Invalid latency.default 5' },
]

describe('startEmulator options', () => {
  for (const { options, message } of invalidOptions) {
    it(`rejects ${JSON.stringify(options)}`, async () => {
      const failure = await startEmulator(options as EmulatorOptions).then(
        async (emulator) => {
          await emulator.close()
          return undefined
        },
        (error: unknown) => error,
      )

      expect(EmulatorError.isInstance(failure)).toBe(true)
      expect((failure as EmulatorError).code).toBe('INVALID_OPTION')
      expect((failure as Error).message).toContain(message)
    })
  }

  it('accepts every option at its bound', async () => {
    const emulator = await startEmulator({
      host: '127.0.0.1',
      region: 'eu-west-1',
      seed: 2 ** 32 - 1,
      maxBodyBytes: 1024,
      requestLogLimit: 0,
      namespaceMatch: 'exact',
      logger: silentLogger,
      memories: [{ id: 'demo-AAAAAAAAAA', strategies: [{ type: 'semantic', namespace: '/users/{actorId}/' }] }],
      faults: { quotaExceededRate: 1, operations: ['CreateEvent'], limit: 0 },
      latency: { perOperation: { ListEvents: { fixedMs: 0 } } },
    })
    try {
      expect(emulator.clientConfig().region).toBe('eu-west-1')
    } finally {
      await emulator.close()
    }
  })
})
