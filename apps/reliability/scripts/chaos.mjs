#!/usr/bin/env node
// Runs the fault and crash suites. `--full` selects the complete profile (200 conversations, a 5-second outage);
// the default is the short profile for CI. Other arguments go to Vitest unchanged.
import { spawnSync } from 'node:child_process'

const args = process.argv.slice(2).filter((arg) => arg !== '--')
const full = args.includes('--full')
const vitestArgs = args.filter((arg) => arg !== '--full')
const env = { ...process.env, CHAOS_PROFILE: full ? 'full' : (process.env.CHAOS_PROFILE ?? 'short') }
const result = spawnSync('vitest', ['run', '--config', 'vitest.chaos.config.ts', ...vitestArgs], {
  stdio: 'inherit',
  env,
})
if (result.error !== undefined) {
  console.error(`Starting Vitest failed: ${result.error.message}`)
  process.exit(1)
}
process.exit(result.status ?? 1)
