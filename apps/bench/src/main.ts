// NOTE: placeholder until the benchmark harness lands; it says so and exits.
console.error('The benchmark harness is not built yet.')
process.exitCode = 1
