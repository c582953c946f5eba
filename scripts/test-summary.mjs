// Adds up the Vitest JSON reports that each workspace package writes to
// `.vitest/*.json` and prints one line per package plus a closing total.
// Exits non-zero when a package that has source files ran no test.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const workspaces = [
  ...['packages', 'apps'].flatMap((group) =>
    existsSync(join(root, group)) ? readdirSync(join(root, group)).map((name) => join(group, name)) : [],
  ),
  'docs',
]

let passed = 0
let failed = 0
let skipped = 0
const untested = []

for (const workspace of workspaces) {
  const reportDir = join(root, workspace, '.vitest')
  const reports = existsSync(reportDir) ? readdirSync(reportDir).filter((file) => file.endsWith('.json')) : []
  let ran = 0
  for (const file of reports) {
    const report = JSON.parse(readFileSync(join(reportDir, file), 'utf8'))
    passed += report.numPassedTests
    failed += report.numFailedTests
    skipped += report.numPendingTests + report.numTodoTests
    ran += report.numPassedTests + report.numFailedTests
    console.log(`${workspace} (${file}): ${report.numPassedTests} passed, ${report.numFailedTests} failed`)
  }
  const hasSource = ['src', 'examples'].some((folder) => existsSync(join(root, workspace, folder)))
  if (hasSource && ran === 0) untested.push(workspace)
}

if (untested.length > 0) {
  console.log(`No tests ran in: ${untested.join(', ')}`)
}
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exitCode = failed > 0 || untested.length > 0 ? 1 : 0
