import type { FaultOptions, LatencyOptions, MemoryDefinition, RequestLogEntry } from '../options'

/** The emulator operations that the admin HTTP API exposes. */
export interface AdminApi {
  createMemory(definition: MemoryDefinition): Promise<string>
  setLatency(latency: LatencyOptions): void
  setFaults(faults: FaultOptions): void
  currentLatency(): LatencyOptions
  currentFaults(): FaultOptions
  waitForExtraction(): Promise<void>
  requestCounts(): Record<string, number>
  requestLog(): RequestLogEntry[]
  clearRequestLog(): void
  reset(): Promise<void>
  memoryCount(): number
}

/**
 * Builds the handler of the `/__emulator/...` admin API. No AWS path starts
 * with `/__emulator`, so the two never collide.
 */
export function createAdminHandler(api: AdminApi) {
  return async (method: string, path: string, body: unknown): Promise<{ status: number; body: unknown }> => {
    const route = `${method} ${path.replace(/\/$/, '') || '/'}`
    switch (route) {
      case 'GET /health':
        return { status: 200, body: { status: 'ok', memories: api.memoryCount() } }
      case 'GET /requests':
        return { status: 200, body: { counts: api.requestCounts(), requests: api.requestLog() } }
      case 'DELETE /requests':
        api.clearRequestLog()
        return { status: 200, body: {} }
      case 'POST /reset':
        await api.reset()
        return { status: 200, body: {} }
      case 'POST /extraction/wait':
        await api.waitForExtraction()
        return { status: 200, body: { idle: true } }
      case 'GET /faults':
        return { status: 200, body: api.currentFaults() }
      case 'PUT /faults':
        api.setFaults(body as FaultOptions)
        return { status: 200, body: api.currentFaults() }
      case 'GET /latency':
        return { status: 200, body: api.currentLatency() }
      case 'PUT /latency':
        api.setLatency(body as LatencyOptions)
        return { status: 200, body: api.currentLatency() }
      case 'POST /memories':
        return { status: 201, body: { memoryId: await api.createMemory(body as MemoryDefinition) } }
      default:
        return {
          status: 404,
          body: {
            error: `Unknown admin route ${route}. Routes: GET /health, GET|DELETE /requests, POST /reset, POST /extraction/wait, GET|PUT /faults, GET|PUT /latency, POST /memories.`,
          },
        }
    }
  }
}
