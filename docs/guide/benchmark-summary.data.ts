import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** Time to first token of one memory mode, in milliseconds, as the benchmarks page shows it. */
export interface TtftRow {
  mode: string
  p50: string
  p99: string
  overFloorP50: string
  overFloorP99: string
}

/** The figures that the async WebSocket guide quotes, read from the benchmarks page at build time. */
export interface BenchmarkSummary {
  /** The page's line with the command, the date and the machine. */
  measured: string
  /** The page's line that describes the profile: injected latency, model delays, turns. */
  setup: string
  /** One row per mode at 1 and at 100 concurrent conversations. */
  tables: { conversations: number; rows: TtftRow[] }[]
}

declare const data: BenchmarkSummary

export { data }

const benchmarksPage = fileURLToPath(new URL('../benchmarks/index.md', import.meta.url))

// A VitePress data loader: the guide quotes the benchmark page's own figures, so a new benchmark run updates the
// guide, and a page whose layout changed fails the build here instead of leaving stale numbers in the guide.
export default {
  watch: [benchmarksPage],
  load(): BenchmarkSummary {
    const page = readFileSync(benchmarksPage, 'utf8')
    const measured = page.split('\n').find((line) => line.startsWith('Measured with'))
    if (measured === undefined) {
      throw new Error(`${benchmarksPage} has no 'Measured with' line; update guide/benchmark-summary.data.ts.`)
    }
    const setup = page.split('\n').find((line) => line.startsWith('Profile '))
    if (setup === undefined) {
      throw new Error(`${benchmarksPage} has no 'Profile' line; update guide/benchmark-summary.data.ts.`)
    }
    const tables = [1, 100].map((conversations) => ({
      conversations,
      rows: readTtftTable(page, conversations),
    }))
    // The lines are shown as plain text, so Markdown code marks would show as backticks.
    return { measured: measured.replaceAll('`', ''), setup: setup.replaceAll('`', ''), tables }
  },
}

function readTtftTable(page: string, conversations: number): TtftRow[] {
  const unit = conversations === 1 ? 'conversation' : 'conversations'
  const heading = `### Time to first token and turn time, ${conversations} ${unit}`
  const lines = page.split('\n')
  const start = lines.indexOf(heading)
  if (start === -1) {
    throw new Error(`${benchmarksPage} has no heading '${heading}'; update guide/benchmark-summary.data.ts.`)
  }
  // The table is the first run of '|' lines under the heading: a header row, a separator row, then one row per mode.
  const following = lines.slice(start + 1)
  const first = following.findIndex((line) => line.startsWith('|'))
  const end = following.findIndex((line, index) => index > first && !line.startsWith('|'))
  const [headerLine = '', , ...bodyLines] = following.slice(first, end === -1 ? undefined : end)
  const header = cells(headerLine)
  const column = (name: string): number => {
    const index = header.indexOf(name)
    if (index === -1) throw new Error(`${benchmarksPage}: the table under '${heading}' has no column '${name}'.`)
    return index
  }
  const columns = {
    p50: column('TTFT p50 (ms)'),
    p99: column('TTFT p99 (ms)'),
    overFloorP50: column('over floor p50 (ms)'),
    overFloorP99: column('over floor p99 (ms)'),
  }

  const rows = bodyLines
    .map(cells)
    .filter((row) => ['no-memory', 'inline', 'async'].includes(row[0] ?? ''))
    .map((row) => ({
      mode: row[0] ?? '',
      p50: row[columns.p50] ?? '',
      p99: row[columns.p99] ?? '',
      overFloorP50: row[columns.overFloorP50] ?? '',
      overFloorP99: row[columns.overFloorP99] ?? '',
    }))
  if (rows.length !== 3) {
    throw new Error(`${benchmarksPage}: expected no-memory, inline and async rows under '${heading}'.`)
  }
  return rows
}

function cells(line: string): string[] {
  return line
    .slice(1, -1)
    .split('|')
    .map((cell) => cell.trim())
}
