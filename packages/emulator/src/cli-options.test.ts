import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { helpText, parseCliArgs } from './cli-options'
import { EmulatorError } from './errors'

describe('parseCliArgs', () => {
  it('applies strategies to the memory before them', () => {
    const command = parseCliArgs([
      '--port',
      '8800',
      '--db',
      './memory.db',
      '--memory',
      'first-AAAAAAAAAA',
      '--strategy',
      'semantic:/users/{actorId}/facts/',
      '--strategy',
      'userPreference:/users/{actorId}/preferences/',
      '--event-expiry-days',
      '30',
      '--memory',
      'second-BBBBBBBBBB',
      '--strategy',
      'summary:/summaries/{actorId}/{sessionId}/',
    ])
    expect(command).toEqual({
      kind: 'start',
      verbose: false,
      options: {
        port: 8800,
        db: './memory.db',
        memories: [
          {
            id: 'first-AAAAAAAAAA',
            eventExpiryDays: 30,
            strategies: [
              { type: 'semantic', namespace: '/users/{actorId}/facts/' },
              { type: 'userPreference', namespace: '/users/{actorId}/preferences/' },
            ],
          },
          {
            id: 'second-BBBBBBBBBB',
            strategies: [{ type: 'summary', namespace: '/summaries/{actorId}/{sessionId}/' }],
          },
        ],
      },
    })
  })

  it('defaults to port 8799', () => {
    expect(parseCliArgs([])).toEqual({ kind: 'start', verbose: false, options: { port: 8799 } })
  })

  it('reads latency and fault flags', () => {
    const command = parseCliArgs([
      '--latency-ms',
      '50',
      '--jitter-ms',
      '10',
      '--throttle-rate',
      '0.1',
      '--service-error-rate',
      '0.05',
      '--quota-rate',
      '0.01',
      '--conflict-rate',
      '0.2',
      '--drop-rate',
      '0.3',
      '--extraction-failure-rate',
      '0.5',
      '--fault-operations',
      'CreateEvent, ListEvents',
      '--fault-limit',
      '4',
      '--seed',
      '42',
      '--extraction-delay-ms',
      '250',
    ])
    expect(command.kind).toBe('start')
    expect(command.kind === 'start' ? command.options : undefined).toMatchObject({
      latency: { default: { fixedMs: 50, jitterMs: 10 } },
      faults: {
        throttleRate: 0.1,
        serviceErrorRate: 0.05,
        quotaExceededRate: 0.01,
        conflictRate: 0.2,
        dropConnectionRate: 0.3,
        extractionFailureRate: 0.5,
        operations: ['CreateEvent', 'ListEvents'],
        limit: 4,
      },
      seed: 42,
      extractionDelayMs: 250,
    })
  })

  it('merges a config file under the flags', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'emulator-cli-'))
    try {
      const path = join(directory, 'config.json')
      await writeFile(
        path,
        JSON.stringify({ port: 9000, memories: [{ id: 'file-AAAAAAAAAA' }], faults: { throttleRate: 0.5 } }),
      )
      const command = parseCliArgs(['--config', path, '--memory', 'flag-BBBBBBBBBB', '--conflict-rate', '0.1'])
      expect(command.kind).toBe('start')
      expect(command.kind === 'start' ? command.options : undefined).toEqual({
        port: 9000,
        memories: [{ id: 'file-AAAAAAAAAA' }, { id: 'flag-BBBBBBBBBB' }],
        faults: { throttleRate: 0.5, conflictRate: 0.1 },
      })
    } finally {
      await rm(directory, { recursive: true, force: true })
    }
  })

  it('rejects invalid values with the fix', () => {
    expect(() => parseCliArgs(['--strategy', 'semantic:/x/'])).toThrow(/must follow the --memory it applies to/)
    expect(() => parseCliArgs(['--memory', 'm-AAAAAAAAAA', '--strategy', 'episodic:/x/'])).toThrow(
      /Invalid --strategy 'episodic:\/x\/': expected KIND:NAMESPACE/,
    )
    expect(() => parseCliArgs(['--port', 'abc'])).toThrow(/Invalid --port 'abc'/)
    expect(() => parseCliArgs(['--throttle-rate', '1.5'])).toThrow(
      /Invalid --throttle-rate '1.5': expected a number from 0 to 1/,
    )
    expect(() => parseCliArgs(['--config', '/nonexistent/config.json'])).toThrow(/Failed to read the config file/)
    expect(() => parseCliArgs(['--unknown'])).toThrow(/Unknown option '--unknown'/)
  })

  it('skips the -- that pnpm passes', () => {
    expect(parseCliArgs(['--', '--port', '8800'])).toEqual({ kind: 'start', verbose: false, options: { port: 8800 } })
  })

  it('rejects a negative value in either form', () => {
    const expected = "Invalid --latency-ms '-5': expected a number from 0 to 600000. Run with --help for the flags."

    expect(() => parseCliArgs(['--latency-ms', '-5'])).toThrow(expected)
    expect(() => parseCliArgs(['--latency-ms=-5'])).toThrow(expected)
    expect(() => parseCliArgs(['--port', '-1'])).toThrow("Invalid --port '-1'")
  })

  it('wraps parser errors in EmulatorError', () => {
    const error = captureError(() => parseCliArgs(['--port']))

    expect(EmulatorError.isInstance(error)).toBe(true)
    expect((error as EmulatorError).code).toBe('INVALID_OPTION')
    expect((error as Error).message).toBe("Option '--port <value>' argument missing. Run with --help for the flags.")
    expect((error as Error).message).not.toContain('..')
  })

  const invalidConfigs: { name: string; config: unknown; message: string }[] = [
    { name: 'memories as a string', config: { memories: 'x' }, message: "Invalid memories 'x' in the config file" },
    {
      name: 'memory as a string',
      config: { memories: ['demo-AAAAAAAAAA'] },
      message: "Invalid memories[0] 'demo-AAAAAAAAAA' in the config file",
    },
    { name: 'numeric memory id', config: { memories: [{ id: 7 }] }, message: 'Invalid memories[0].id 7' },
    {
      name: 'malformed memory id',
      config: { memories: [{ id: 'demo' }] },
      message: "Invalid memories[0].id 'demo' in the config file",
    },
    {
      name: 'unknown strategy kind',
      config: { memories: [{ id: 'demo-AAAAAAAAAA', strategies: [{ type: 'episodic', namespace: '/x/' }] }] },
      message: "Invalid memories[0].strategies[0].type 'episodic'",
    },
    {
      name: 'bad namespace template',
      config: { memories: [{ id: 'demo-AAAAAAAAAA', strategies: [{ type: 'semantic', namespace: '/a b/' }] }] },
      message: "Invalid memories[0].strategies[0].namespace '/a b/'",
    },
    {
      name: 'expiry as a string',
      config: { memories: [{ id: 'demo-AAAAAAAAAA', eventExpiryDays: '30' }] },
      message: "Invalid memories[0].eventExpiryDays '30'",
    },
    { name: 'port as a string', config: { port: '8799' }, message: "Invalid port '8799'" },
    { name: 'negative seed', config: { seed: -1 }, message: 'Invalid seed -1' },
    { name: 'rate above one', config: { faults: { throttleRate: 2 } }, message: 'Invalid faults.throttleRate 2' },
    {
      name: 'latency as a number',
      config: { latency: { default: { fixedMs: '5' } } },
      message: "Invalid latency.default.fixedMs '5'",
    },
    { name: 'misspelled key', config: { memory: [] }, message: 'Unknown option memory in the config file' },
    {
      name: 'misspelled memory key',
      config: { memories: [{ id: 'demo-AAAAAAAAAA', strategy: [] }] },
      message: 'Unknown option memories[0].strategy in the config file',
    },
  ]

  for (const { name, config, message } of invalidConfigs) {
    it(`rejects a config with ${name}`, async () => {
      const directory = await mkdtemp(join(tmpdir(), 'emulator-cli-'))
      try {
        const path = join(directory, 'config.json')
        await writeFile(path, JSON.stringify(config))

        const error = captureError(() => parseCliArgs(['--config', path]))

        expect(EmulatorError.isInstance(error)).toBe(true)
        expect((error as EmulatorError).code).toBe('INVALID_OPTION')
        expect((error as Error).message).toContain(message)
      } finally {
        await rm(directory, { recursive: true, force: true })
      }
    })
  }

  it('returns help and version commands', () => {
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' })
    expect(parseCliArgs(['--version'])).toEqual({ kind: 'version' })
    expect(helpText).toMatch(/--strategy KIND:NAMESPACE/)
    expect(helpText).toMatch(/in milliseconds/)
  })
})

function captureError(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  return undefined
}
