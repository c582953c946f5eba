/** A table of results: a header row and rows of already formatted cells. */
export interface Table {
  title: string
  columns: string[]
  rows: string[][]
}

/** Renders a table as GitHub-flavoured Markdown, escaping pipes in cells. */
export function renderMarkdownTable(table: Table): string {
  const escapeCell = (cell: string) => cell.replaceAll('|', '\\|')
  const line = (cells: string[]) => `| ${cells.map(escapeCell).join(' | ')} |`
  for (const row of table.rows) {
    if (row.length !== table.columns.length) {
      throw new RangeError(
        `Invalid row in table "${table.title}": ${row.length} cells for ${table.columns.length} columns.`,
      )
    }
  }
  return [
    `### ${table.title}`,
    '',
    line(table.columns),
    line(table.columns.map(() => '---')),
    ...table.rows.map(line),
  ].join('\n')
}

/** Formats a number with a fixed count of decimals, or an em dash when it is not finite. */
export function formatNumber(value: number, decimals = 1): string {
  return Number.isFinite(value) ? value.toFixed(decimals) : '—'
}
