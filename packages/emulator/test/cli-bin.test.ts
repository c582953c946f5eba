import { spawnSync } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const packageDirectory = dirname(dirname(fileURLToPath(import.meta.url)))
const shim = join(packageDirectory, 'bin', 'agentcore-memory-emulator.js')

// The shim runs from a copy in a temporary package, so the test controls whether `dist/cli.js` exists.
describe('bin shim', () => {
  let directory: string

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'emulator-bin-'))
    await mkdir(join(directory, 'bin'))
    await copyFile(shim, join(directory, 'bin', 'agentcore-memory-emulator.js'))
    await writeFile(join(directory, 'package.json'), JSON.stringify({ type: 'module' }))
  })

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  it('explains a missing build', () => {
    const result = spawnSync(process.execPath, [join(directory, 'bin', 'agentcore-memory-emulator.js')], {
      encoding: 'utf8',
    })

    expect(result.status).toBe(1)
    expect(result.stderr).toBe(
      'agentcore-memory-emulator: The emulator is not built yet: run `pnpm build` (or ' +
        '`pnpm --filter @agentcore-session/emulator build`), or run it from source with ' +
        '`pnpm --filter @agentcore-session/emulator start`.\n',
    )
  })

  it('runs the built CLI', async () => {
    await mkdir(join(directory, 'dist'))
    await writeFile(join(directory, 'dist', 'cli.js'), "process.stdout.write('built cli ran\\n')\n")

    const result = spawnSync(process.execPath, [join(directory, 'bin', 'agentcore-memory-emulator.js')], {
      encoding: 'utf8',
    })

    expect(result.stderr).toBe('')
    expect(result.stdout).toBe('built cli ran\n')
    expect(result.status).toBe(0)
  })
})

describe('start script', () => {
  it('runs the CLI from source', async () => {
    const manifest = JSON.parse(await readFile(join(packageDirectory, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
    }
    const start = manifest.scripts.start

    expect(start).toBe('tsx --conditions=@agentcore-session/source src/cli.ts')
    // `--` first, as `pnpm start -- --help` passes it.
    const result = spawnSync(`${start} -- --help`, {
      cwd: packageDirectory,
      shell: true,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${join(packageDirectory, 'node_modules', '.bin')}${delimiter}${process.env.PATH}` },
    })
    expect(result.stderr).toBe('')
    expect(result.stdout).toMatch(/^Usage: agentcore-memory-emulator/)
    expect(result.status).toBe(0)
  })
})
