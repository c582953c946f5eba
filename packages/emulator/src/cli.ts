#!/usr/bin/env node
// NOTE: placeholder entry point until the HTTP server lands.
process.stderr.write('agentcore-memory-emulator: the server is not implemented yet.\n')
process.exitCode = 1
