import { definePackageTestConfig } from '../vitest.shared'

export default definePackageTestConfig('docs', { include: ['examples/**/*.test.ts', 'scripts/**/*.test.ts'] })
