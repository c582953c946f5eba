import { describe, expect, it } from 'vitest'
import { formatNumber, renderMarkdownTable } from './markdown-table'

describe('renderMarkdownTable', () => {
  it('renders header, separator and rows', () => {
    const markdown = renderMarkdownTable({ title: 'Modes', columns: ['mode', 'p99'], rows: [['inline', '52.0']] })
    expect(markdown).toBe('### Modes\n\n| mode | p99 |\n| --- | --- |\n| inline | 52.0 |')
  })

  it('escapes pipes inside cells', () => {
    const markdown = renderMarkdownTable({ title: 'T', columns: ['a'], rows: [['x|y']] })
    expect(markdown).toContain('| x\\|y |')
  })

  it('rejects a row of the wrong width', () => {
    expect(() => renderMarkdownTable({ title: 'T', columns: ['a', 'b'], rows: [['only one']] })).toThrow(
      /1 cells for 2 columns/,
    )
  })
})

describe('formatNumber', () => {
  it('shows a dash for NaN', () => {
    expect(formatNumber(Number.NaN)).toBe('—')
    expect(formatNumber(1.234, 2)).toBe('1.23')
  })
})
