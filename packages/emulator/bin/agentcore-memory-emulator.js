#!/usr/bin/env node
// Kept as plain JavaScript outside `dist` so package managers can link the
// command before the package is built.
import '../dist/cli.js'
