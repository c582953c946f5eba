import { defaultClientConditions, defaultServerConditions } from 'vite'
import { defineConfig, type ViteUserConfig } from 'vitest/config'

/**
 * Export condition that maps each workspace package to its TypeScript source,
 * so tests and typechecks of one package see its siblings without a build.
 */
export const sourceCondition = '@agentcore-session/source'

/** Options that one package adds to the shared test settings. */
export interface PackageTestOptions {
  /** Extra glob patterns of test files, relative to the package folder. */
  include?: string[]
  /** Glob patterns of test files to skip. */
  exclude?: string[]
  /** Per-test timeout in milliseconds. */
  testTimeout?: number
}

/**
 * Builds the Vitest project settings that every workspace package shares: the
 * source condition, tests beside the code, and a JSON report that `.ci/run`
 * adds up into one summary line.
 */
export function definePackageTestConfig(name: string, options: PackageTestOptions = {}): ViteUserConfig {
  return defineConfig({
    resolve: { conditions: [sourceCondition, ...defaultClientConditions] },
    // Without `module`: it points Vite at the AWS SDK's `dist-es` builds, whose extensionless
    // imports Node cannot load once the dependency is externalized.
    ssr: { resolve: { conditions: [sourceCondition, ...defaultServerConditions.filter((name) => name !== 'module')] } },
    test: {
      name,
      environment: 'node',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts', ...(options.include ?? [])],
      exclude: ['**/node_modules/**', '**/dist/**', ...(options.exclude ?? [])],
      restoreMocks: true,
      testTimeout: options.testTimeout ?? 20_000,
      hookTimeout: 30_000,
      reporters: ['default', ['json', { outputFile: '.vitest/report.json' }]],
    },
  })
}
