import { definePackageTestConfig } from '../../vitest.shared'

// Fault and crash suites: slower than unit tests, so `pnpm test` leaves them out and `pnpm test:chaos` runs them.
// CHAOS_PROFILE=full selects the complete run; scripts/chaos.mjs sets it for `--full`.
const base = definePackageTestConfig('reliability-chaos', { testTimeout: 300_000 })

export default {
  ...base,
  test: {
    ...base.test,
    include: ['src/chaos/**/*.chaos.ts', 'src/crash/**/*.crash.ts'],
    reporters: ['default', ['json', { outputFile: '.vitest/report-chaos.json' }]],
    // The suites start child processes and emulators; one file at a time keeps them off each other's cores.
    fileParallelism: false,
  },
}
