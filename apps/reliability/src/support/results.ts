import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Root folder of the reliability app. */
const appDir = fileURLToPath(new URL('../..', import.meta.url))

/** Folder that keeps each suite's latest figures as JSON; RESULTS.md is rendered from it. */
const figuresDir = join(appDir, 'results')

/** The figures of one suite run, as a table of labelled values. */
export interface SuiteFigures {
  /** File name stem and sort key, for example `chaos-async`. */
  name: string
  /** Section heading. */
  title: string
  /** The command that produced the figures. */
  command: string
  /** Profile of the run, for example `short` or `full`. */
  profile: string
  /** Seed of the random faults or kill points, for replaying the run. */
  seed: number
  /** Labelled figures, in display order. */
  figures: [label: string, value: string | number][]
}

/** Stores one suite's figures and rewrites `RESULTS.md` from the figures of every suite. */
export function recordFigures(suite: SuiteFigures): void {
  mkdirSync(figuresDir, { recursive: true })
  const stamped = { ...suite, finishedAt: new Date().toISOString(), node: process.version }
  writeFileSync(join(figuresDir, `${suite.name}.json`), `${JSON.stringify(stamped, null, 2)}\n`)
  writeFileSync(join(appDir, 'RESULTS.md'), renderResults())
}

function renderResults(): string {
  const files = readdirSync(figuresDir)
    .filter((file) => file.endsWith('.json'))
    .sort()
  const lines = [
    '# Reliability results',
    '',
    'Written by the last run of each suite in `apps/reliability`; do not edit by hand. Each section names the',
    'command, profile and seed of its run, so a run can be repeated.',
    '',
  ]
  for (const file of files) {
    const suite = JSON.parse(readFileSync(join(figuresDir, file), 'utf8')) as SuiteFigures & {
      finishedAt: string
      node: string
    }
    lines.push(`## ${suite.title}`, '')
    lines.push(
      `\`${suite.command}\`, profile \`${suite.profile}\`, seed ${suite.seed}, finished ${suite.finishedAt}, Node ${suite.node}.`,
      '',
    )
    lines.push('| figure | value |', '| --- | ---: |')
    for (const [label, value] of suite.figures) {
      lines.push(`| ${label} | ${value} |`)
    }
    lines.push('')
  }
  return lines.join('\n')
}
