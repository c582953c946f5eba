import { describe, expect, it } from 'vitest'
import { renderBarChart } from './svg-bar-chart'

describe('renderBarChart', () => {
  it('scales bars to the largest value', () => {
    const svg = renderBarChart({
      title: 'TTFT p99',
      unit: 'ms',
      bars: [
        { label: 'floor', value: 10 },
        { label: 'inline', value: 20 },
      ],
    })
    expect(svg).toContain('width="210.0"')
    expect(svg).toContain('width="420.0"')
    expect(svg).toContain('20.0 ms')
  })

  it('names the chart for screen readers', () => {
    const svg = renderBarChart({ title: 'TTFT p99', unit: 'ms', bars: [{ label: 'floor', value: 1 }] })
    expect(svg).toContain('<title>TTFT p99</title>')
  })

  it('escapes labels', () => {
    const svg = renderBarChart({ title: 'a<b', unit: 'ms', bars: [{ label: 'x & y', value: 1 }] })
    expect(svg).toContain('a&lt;b')
    expect(svg).toContain('x &amp; y')
  })

  it('draws a dash for a missing value', () => {
    const svg = renderBarChart({ title: 'T', unit: 'ms', bars: [{ label: 'peer', value: Number.NaN }] })
    expect(svg).toContain('>—<')
    expect(svg).toContain('width="0.0"')
  })
})
