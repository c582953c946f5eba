import { defaultClientConditions, defaultServerConditions } from 'vite'
import { defineConfig } from 'vitest/config'
import { sourceCondition } from '../../vitest.shared'

// Browser tests of the chat page, kept apart from `pnpm test` because they need Debian's Chromium.
export default defineConfig({
  resolve: { conditions: [sourceCondition, ...defaultClientConditions] },
  // Without `module`, as in the shared settings: the AWS SDK's `dist-es` builds do not load in Node once externalized.
  ssr: { resolve: { conditions: [sourceCondition, ...defaultServerConditions.filter((name) => name !== 'module')] } },
  test: {
    name: 'demo-ws-e2e',
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    restoreMocks: true,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: '.vitest/report-e2e.json' }]],
  },
})
