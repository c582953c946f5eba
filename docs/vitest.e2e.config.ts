import { defineConfig } from 'vitest/config'

// Browser check of the built site, kept apart from `pnpm test` because it needs `pnpm docs:build` first and
// Debian's Chromium.
export default defineConfig({
  test: {
    name: 'docs-e2e',
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    restoreMocks: true,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: '.vitest/report-e2e.json' }]],
  },
})
