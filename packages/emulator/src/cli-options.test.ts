import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { helpText, parseCliArgs } from './cli-options'

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

  it('returns help and version commands', () => {
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' })
    expect(parseCliArgs(['--version'])).toEqual({ kind: 'version' })
    expect(helpText).toMatch(/--strategy KIND:NAMESPACE/)
    expect(helpText).toMatch(/in milliseconds/)
  })
})
