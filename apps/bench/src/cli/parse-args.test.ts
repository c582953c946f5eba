import { describe, expect, it } from 'vitest'
import { parseBenchArgs } from './parse-args'

describe('parseBenchArgs', () => {
  it('defaults to the quick profile', () => {
    expect(parseBenchArgs([])).toEqual({ kind: 'run', profile: 'quick', seed: 1, renderOnly: false })
  })

  it('selects the full profile', () => {
    expect(parseBenchArgs(['--full'])).toMatchObject({ kind: 'run', profile: 'full' })
  })

  it('ignores the separator that pnpm forwards', () => {
    expect(parseBenchArgs(['--', '--smoke'])).toMatchObject({ kind: 'run', profile: 'smoke' })
  })

  it('reads output folders and the seed', () => {
    expect(parseBenchArgs(['--results-dir', '/tmp/r', '--docs-dir', '/tmp/d', '--seed', '7'])).toEqual({
      kind: 'run',
      profile: 'quick',
      seed: 7,
      renderOnly: false,
      resultsDir: '/tmp/r',
      docsDir: '/tmp/d',
    })
  })

  it('reads the render-only flag', () => {
    expect(parseBenchArgs(['--full', '--render-only'])).toMatchObject({ profile: 'full', renderOnly: true })
  })

  it('returns help', () => {
    expect(parseBenchArgs(['--help'])).toEqual({ kind: 'help' })
  })

  it('rejects two profiles', () => {
    expect(() => parseBenchArgs(['--full', '--smoke'])).toThrow(/--full --smoke/)
  })

  it('rejects a negative seed', () => {
    expect(() => parseBenchArgs(['--seed=-3'])).toThrow(/Invalid --seed -3/)
  })

  it('rejects a seed that is not a number', () => {
    expect(() => parseBenchArgs(['--seed', 'abc'])).toThrow(/Invalid --seed abc/)
  })

  it('rejects an unknown flag', () => {
    expect(() => parseBenchArgs(['--fast'])).toThrow(/fast/)
  })
})
