/** One bar of a chart: a label and its value. */
export interface Bar {
  label: string
  value: number
}

/** A horizontal bar chart of one figure across modes. */
export interface BarChart {
  title: string
  unit: string
  bars: Bar[]
}

const rowHeight = 28
const labelWidth = 200
const chartWidth = 420
const valueWidth = 90
const top = 40

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')
}

/**
 * Renders a horizontal bar chart as a standalone SVG document with no
 * scripts or external references, so the docs can include it as an image.
 * Bars whose value is not finite are drawn empty and labelled with a dash.
 */
export function renderBarChart(chart: BarChart): string {
  const finite = chart.bars.map((bar) => bar.value).filter(Number.isFinite)
  const largest = Math.max(...finite, 0)
  const scale = largest > 0 ? chartWidth / largest : 0
  const height = top + chart.bars.length * rowHeight + 16
  const width = labelWidth + chartWidth + valueWidth
  const rows = chart.bars.map((bar, index) => {
    const y = top + index * rowHeight
    const barWidth = Number.isFinite(bar.value) ? Math.max(bar.value * scale, 1) : 0
    const value = Number.isFinite(bar.value) ? `${bar.value.toFixed(1)} ${chart.unit}` : '—'
    return [
      `<text x="${labelWidth - 8}" y="${y + 18}" text-anchor="end">${escapeXml(bar.label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 4}" width="${barWidth.toFixed(1)}" height="${rowHeight - 8}" fill="#3b82f6"/>`,
      `<text x="${labelWidth + barWidth + 6}" y="${y + 18}">${escapeXml(value)}</text>`,
    ].join('')
  })
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="13" role="img">`,
    `<title>${escapeXml(chart.title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="8" y="24" font-size="15" font-weight="bold">${escapeXml(chart.title)}</text>`,
    ...rows,
    '</svg>',
  ].join('\n')
}
