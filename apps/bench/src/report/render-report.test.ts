import { describe, expect, it } from 'vitest'
import { evaluateTargets } from '../evaluate-targets'
import { sampleResults } from '../test-support/sample-results'
import { renderReport } from './render-report'

function rendered() {
  const results = sampleResults()
  results.targets = evaluateTargets(results)
  return renderReport(results)
}

describe('renderReport', () => {
  it('states the machine, command and date', () => {
    const { markdown } = rendered()
    expect(markdown).toContain('Measured with `pnpm bench` on 2026-12-04: 2 cores (Test CPU), 4 GiB, Node.js v24.0.0.')
    expect(markdown).toContain('load average 5.5 at the start and 6 at the end')
  })

  it('warns about a busy machine', () => {
    expect(rendered().markdown).toContain('shared 2-core machine')
  })

  it('omits the warning on an idle machine', () => {
    const results = sampleResults()
    results.context.loadAverage = { start: 0.5, end: 1 }
    expect(renderReport(results).markdown).not.toContain('shared 2-core machine')
  })

  it('renders results without a load average', () => {
    const results = sampleResults()
    delete results.context.loadAverage
    const { markdown } = renderReport(results)
    expect(markdown).not.toContain('load average')
    expect(markdown).not.toContain('shared 2-core machine')
  })

  it('prints every target as PASS or MISS', () => {
    const lines = rendered().markdown.split('\n')
    expect(lines.filter((line) => /^(PASS|MISS) {2}/.test(line))).toHaveLength(8)
  })

  it('has one section per concurrency', () => {
    const { markdown } = rendered()
    expect(markdown).toContain('## Turns: 1 concurrent conversation\n')
    expect(markdown).toContain('## Turns: 100 concurrent conversations\n')
    expect(markdown).toContain('## Burst: 100 conversations at once\n')
  })

  it('shows overheads with a sign and ratios', () => {
    const { markdown } = rendered()
    expect(markdown).toContain('| inline | 101.0 | 102.0 | +55.0 | +62.0 | 1.00× |')
  })

  it('references every chart it renders', () => {
    const { markdown, charts } = rendered()
    expect(charts.length).toBeGreaterThan(0)
    for (const chart of charts) {
      expect(markdown).toContain(`](./${chart.fileName})`)
      expect(chart.svg.startsWith('<svg')).toBe(true)
    }
  })

  it('gives charts distinct file names', () => {
    const names = rendered().charts.map((chart) => chart.fileName)
    expect(new Set(names).size).toBe(names.length)
  })

  it('prefixes chart files and links the companion page', () => {
    const results = sampleResults()
    const { markdown, charts } = renderReport(results, {
      chartPrefix: 'full-',
      companion: 'Results of the quick profile: [index.md](./index.md).',
      rawResultsPath: 'apps/bench/results/latest-full.json',
    })
    expect(charts.every((chart) => chart.fileName.startsWith('full-'))).toBe(true)
    expect(markdown).toContain('[index.md](./index.md)')
    expect(markdown).toContain('`apps/bench/results/latest-full.json`')
  })

  it('lists restore rows with their call counts', () => {
    expect(rendered().markdown).toContain('| 1000 | limit 40 | no | 55.0 | 55.0 | 1 | 0 | 40 |')
  })
})
