import { execFile } from 'node:child_process'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const script = fileURLToPath(new URL('./check-reference.mjs', import.meta.url))
const referenceDir = fileURLToPath(new URL('../reference', import.meta.url))
/** Temporary folders that the current test created. */
const directories: string[] = []

/** Runs the check on a copy of the reference pages after `edit` changed one of them. */
async function checkEditedCopy(
  page: string,
  edit: (text: string) => string,
): Promise<{ code: number; output: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'docs-reference-'))
  directories.push(dir)
  await cp(referenceDir, join(dir, 'reference'), { recursive: true })
  const path = join(dir, 'reference', page)
  const original = await readFile(path, 'utf8')
  const edited = edit(original)
  expect(edited).not.toBe(original)
  await writeFile(path, edited)
  try {
    const { stdout } = await run(process.execPath, [script], { env: { ...process.env, REFERENCE_PAGES_DIR: dir } })
    return { code: 0, output: stdout }
  } catch (error) {
    const failed = error as { code: number; stderr: string }
    return { code: failed.code, output: failed.stderr }
  }
}

describe('check-reference script', () => {
  afterEach(async () => {
    await Promise.all(directories.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
  })

  it('accepts the current pages', async () => {
    const { stdout } = await run(process.execPath, [script])

    expect(stdout).toContain('Reference pages match the source')
  })

  it('rejects a missing option row', async () => {
    const result = await checkEditedCopy('options.md', (text) => text.replace(/^\| `prefetch` .*\n/m, ''))

    expect(result.code).toBe(1)
    expect(result.output).toContain('AgentCoreMemorySessionManagerOptions.prefetch has no row')
  })

  it('rejects an unknown option row', async () => {
    const result = await checkEditedCopy('options.md', (text) =>
      text.replace('| `topK` |', '| `maxRecords` | `number` | none | | Unknown. |\n| `topK` |'),
    )

    expect(result.code).toBe(1)
    expect(result.output).toContain('RetrievalConfig.maxRecords does not exist')
  })

  it('rejects a wrong default', async () => {
    const result = await checkEditedCopy('options.md', (text) =>
      text.replace('| `maxConcurrentSessions` | `number` | 16 |', '| `maxConcurrentSessions` | `number` | 8 |'),
    )

    expect(result.code).toBe(1)
    expect(result.output).toContain("BackgroundExecutorOptions.maxConcurrentSessions default cell '8'")
  })

  it('rejects a missing export row', async () => {
    const result = await checkEditedCopy('api.md', (text) => text.replace(/^\| `queryTextOf` .*\n/m, ''))

    expect(result.code).toBe(1)
    expect(result.output).toContain('@agentcore-session/core exports queryTextOf, which has no row')
  })

  it('rejects an unknown error code', async () => {
    const result = await checkEditedCopy('errors.md', (text) => text.replace('### `EVENT_SKIPPED`', '### `EVENT_LOST`'))

    expect(result.code).toBe(1)
    expect(result.output).toContain('@agentcore-session/core has code EVENT_SKIPPED, which has no heading')
    expect(result.output).toContain('@agentcore-session/core has no code EVENT_LOST')
  })
})
