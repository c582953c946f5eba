import { startEmulator } from '@agentcore-session/emulator'
import type { EmulatorRequest, EmulatorResponse } from './protocol'

// Runs the emulator in its own process, so that its request handling (HTTP parsing, SQLite) never lands on the
// event loop that the benchmark measures. The parent drives it over the IPC channel that `fork` opens.
if (process.send === undefined) {
  process.stderr.write('emulator-process.ts must be started with child_process.fork.\n')
  process.exit(2)
}

const options = JSON.parse(process.env.BENCH_EMULATOR_OPTIONS ?? '{}')
const emulator = await startEmulator(options)

const reply = (message: EmulatorResponse): void => {
  process.send?.(message)
}

process.on('message', (request: EmulatorRequest) => {
  void handle(request)
})

async function handle(request: EmulatorRequest): Promise<void> {
  try {
    switch (request.kind) {
      case 'counts':
        reply({ id: request.id, ok: true, value: emulator.requestCounts() })
        return
      case 'clear':
        emulator.clearRequestLog()
        reply({ id: request.id, ok: true, value: null })
        return
      case 'latency':
        emulator.setLatency(request.latency)
        reply({ id: request.id, ok: true, value: null })
        return
      case 'cpu': {
        const usage = process.cpuUsage()
        reply({ id: request.id, ok: true, value: (usage.user + usage.system) / 1000 })
        return
      }
      case 'memory':
        reply({ id: request.id, ok: true, value: process.memoryUsage().rss })
        return
      case 'close':
        await emulator.close()
        reply({ id: request.id, ok: true, value: null })
        process.disconnect()
        return
    }
  } catch (error) {
    reply({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) })
  }
}

reply({ id: 0, ok: true, value: { endpoint: emulator.endpoint } })
