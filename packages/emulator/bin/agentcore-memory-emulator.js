#!/usr/bin/env node
// Kept as plain JavaScript outside `dist` so package managers can link the
// command before the package is built. In a clone of the repository, `dist`
// exists only after a build, so a missing build gets one line instead of
// Node's ERR_MODULE_NOT_FOUND stack.
import { existsSync } from 'node:fs'

const cli = new URL('../dist/cli.js', import.meta.url)
if (existsSync(cli)) {
  await import(cli.href)
} else {
  process.stderr.write(
    'agentcore-memory-emulator: The emulator is not built yet: run `pnpm build` (or ' +
      '`pnpm --filter @agentcore-session/emulator build`), or run it from source with ' +
      '`pnpm --filter @agentcore-session/emulator start`.\n',
  )
  process.exitCode = 1
}
