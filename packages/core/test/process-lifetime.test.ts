import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli')
const fixture = fileURLToPath(new URL('./fixtures/close-during-backoff.ts', import.meta.url))

describe('process lifetime', () => {
  it('stays alive while close() waits out a retry backoff', async () => {
    const { stdout } = await run(process.execPath, [tsxCli, '--conditions=@agentcore-session/source', fixture], {
      timeout: 30_000,
    })
    expect(JSON.parse(stdout)).toEqual({ stored: 1 })
  })
})
