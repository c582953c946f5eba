import { access, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { outputNames } from './cli/output-names'
import { helpText, parseBenchArgs } from './cli/parse-args'
import { profiles } from './cli/profiles'
import { ProgressLine } from './progress'
import { formatJson } from './report/format-json'
import { renderReport } from './report/render-report'
import type { BenchResults } from './results'
import { runBenchmark } from './run-benchmark'
import { formatTargets } from './target'

const appDir = fileURLToPath(new URL('..', import.meta.url))
const repoDir = resolve(appDir, '../..')

let command: ReturnType<typeof parseBenchArgs>
try {
  command = parseBenchArgs(process.argv.slice(2))
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}\n\n${helpText}`)
  process.exit(2)
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  )

if (command.kind === 'help') {
  process.stdout.write(helpText)
} else {
  const profile = profiles[command.profile]
  const names = outputNames(command.profile)
  // The smoke profile checks the harness only, so by default it never overwrites the committed results.
  const scratch = command.profile === 'smoke' ? await mkdtemp(join(tmpdir(), 'agentcore-bench-smoke-')) : undefined
  const resultsDir = resolve(command.resultsDir ?? (scratch ? join(scratch, 'results') : join(appDir, 'results')))
  const docsDir = resolve(command.docsDir ?? (scratch ? join(scratch, 'docs') : join(repoDir, 'docs/benchmarks')))
  const resultsPath = join(resultsDir, names.json)
  const flag = command.profile === 'quick' ? '' : ` --${command.profile}`

  let results: BenchResults
  if (command.renderOnly) {
    if (!(await exists(resultsPath))) {
      console.error(`bench: results file ${resultsPath} not found. Run the profile once before --render-only.`)
      process.exit(2)
    }
    results = JSON.parse(await readFile(resultsPath, 'utf8')) as BenchResults
  } else {
    const progress = new ProgressLine()
    results = await runBenchmark(profile, { command: `pnpm bench${flag}`, seed: command.seed, progress })
    progress.done()
    await mkdir(resultsDir, { recursive: true })
    await writeFile(resultsPath, formatJson(results))
  }

  const companion = names.companionPage
  const companionExists = companion !== undefined && (await exists(join(docsDir, companion.page)))
  const report = renderReport(results, {
    chartPrefix: names.chartPrefix,
    rawResultsPath: relative(repoDir, resultsPath),
    ...(companionExists && { companion: `Results of the [${companion.label}](./${companion.page}).` }),
  })
  await mkdir(docsDir, { recursive: true })
  await writeFile(join(docsDir, names.page), report.markdown)
  for (const chart of report.charts) await writeFile(join(docsDir, chart.fileName), `${chart.svg}\n`)

  console.log(formatTargets(results.targets))
  console.log(`\nWrote ${resultsPath} and ${join(docsDir, names.page)} with ${report.charts.length} charts.`)
}
