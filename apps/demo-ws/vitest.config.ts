import { definePackageTestConfig } from '../../vitest.shared'

export default definePackageTestConfig('demo-ws')
