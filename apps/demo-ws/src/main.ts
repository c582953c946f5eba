// NOTE: placeholder until the WebSocket demo lands; it says so and exits.
console.error('The WebSocket demo is not built yet. Run `pnpm test` to exercise the packages that exist so far.')
process.exitCode = 1
