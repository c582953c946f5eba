import { parseArgs } from 'node:util'
import type { ProfileName } from './profiles'

/** The command parsed from the command line. */
export type BenchCommand =
  | { kind: 'help' }
  | {
      kind: 'run'
      profile: ProfileName
      /** Folder of the JSON results. The smoke profile defaults to a temporary folder. */
      resultsDir?: string
      /** Folder of the Markdown page and charts. The smoke profile defaults to a temporary folder. */
      docsDir?: string
      /** Seed of the emulator's latency jitter. */
      seed: number
      /** Render-only switch: rewrite the page and charts from the profile's existing JSON results, without measuring. */
      renderOnly: boolean
    }

/** Help text of `pnpm bench`. */
export const helpText = `Usage: pnpm bench [--quick | --full | --smoke] [options]

Runs every scenario against an emulator in a child process on 127.0.0.1 with
50 ms ± 10 ms of latency per call, and writes the JSON results, the Markdown
page and the SVG charts.

Profiles
  --quick           Default. Under about 3 minutes on a 2-core machine.
  --full            Every size: 1, 100 and 1000 conversations, 10000-message
                    histories, 10000-event restores.
  --smoke           Tiny sizes, to check that the harness works; writes to a
                    temporary folder unless --results-dir or --docs-dir is set.

Options
  --results-dir DIR Folder of latest.json (default apps/bench/results).
  --docs-dir DIR    Folder of index.md and the charts (default docs/benchmarks).
  --seed N          Seed of the emulator's latency jitter (default 1).
  --render-only     Rewrites the page and charts from the profile's existing
                    JSON results, without measuring.
  --help            Prints this help.
`

/** Parses the arguments after the script name. A lone `--`, which pnpm may forward, is ignored. */
export function parseBenchArgs(args: readonly string[]): BenchCommand {
  const { values } = parseArgs({
    args: args.filter((arg) => arg !== '--'),
    strict: true,
    allowPositionals: false,
    options: {
      quick: { type: 'boolean' },
      full: { type: 'boolean' },
      smoke: { type: 'boolean' },
      'results-dir': { type: 'string' },
      'docs-dir': { type: 'string' },
      seed: { type: 'string' },
      'render-only': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  })
  if (values.help === true) return { kind: 'help' }

  const chosen = (['quick', 'full', 'smoke'] as const).filter((name) => values[name] === true)
  if (chosen.length > 1) {
    throw new RangeError(`Invalid profile flags --${chosen.join(' --')}: choose one of --quick, --full and --smoke.`)
  }
  const profile: ProfileName = chosen[0] ?? 'quick'

  const seedText = values.seed ?? '1'
  const seed = Number(seedText)
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`Invalid --seed ${seedText}: expected a non-negative integer.`)
  }

  return {
    kind: 'run',
    profile,
    seed,
    renderOnly: values['render-only'] === true,
    ...(values['results-dir'] !== undefined && { resultsDir: values['results-dir'] }),
    ...(values['docs-dir'] !== undefined && { docsDir: values['docs-dir'] }),
  }
}
