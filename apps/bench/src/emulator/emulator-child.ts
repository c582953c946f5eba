import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { EmulatorClientConfig, EmulatorOptions, LatencyOptions } from '@agentcore-session/emulator'
import { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore'
import type { EmulatorRequest, EmulatorResponse } from './protocol'

type RequestBody = EmulatorRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never

const startTimeoutMs = 30_000
const requestTimeoutMs = 30_000

/** An emulator in a child process on 127.0.0.1, driven over IPC. */
export class EmulatorChild {
  readonly endpoint: string
  readonly #child: ChildProcess
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  #nextId = 1

  private constructor(child: ChildProcess, endpoint: string) {
    this.#child = child
    this.endpoint = endpoint
    child.on('message', (message: EmulatorResponse) => {
      const pending = this.#pending.get(message.id)
      if (pending === undefined) return
      this.#pending.delete(message.id)
      if (message.ok) pending.resolve(message.value)
      else pending.reject(new Error(`Emulator process request ${message.id} failed: ${message.error}`))
    })
    child.on('exit', (code) => {
      for (const pending of this.#pending.values()) {
        pending.reject(new Error(`Emulator process exited with code ${code} before it responded.`))
      }
      this.#pending.clear()
    })
  }

  /**
   * Forks the emulator process with `options` (host forced to 127.0.0.1, port 0) and resolves once it
   * listens. The child inherits this process's `execArgv`, so the tsx loader and source condition apply.
   */
  static async start(options: EmulatorOptions): Promise<EmulatorChild> {
    const script = fileURLToPath(new URL('./emulator-process.ts', import.meta.url))
    const child = fork(script, [], {
      env: { ...process.env, BENCH_EMULATOR_OPTIONS: JSON.stringify({ ...options, host: '127.0.0.1', port: 0 }) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const endpoint = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill()
        reject(new Error(`Emulator process did not start within ${startTimeoutMs} ms.`))
      }, startTimeoutMs)
      child.once('message', (message: EmulatorResponse) => {
        clearTimeout(timer)
        if (message.ok) resolve((message.value as { endpoint: string }).endpoint)
        else reject(new Error(`Emulator process failed to start: ${message.error}`))
      })
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`Emulator process exited with code ${code} during start-up.`))
      })
    })
    return new EmulatorChild(child, endpoint)
  }

  /** Settings for a `BedrockAgentCoreClient` with static dummy credentials, aimed at this emulator only. */
  clientConfig(): EmulatorClientConfig {
    return {
      endpoint: this.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDBENCHMARK', secretAccessKey: 'bench-dummy-secret' },
    }
  }

  /** Builds a client aimed at this emulator, with one attempt per call so that retries never hide in the counts. */
  createClient(): BedrockAgentCoreClient {
    return new BedrockAgentCoreClient({ ...this.clientConfig(), maxAttempts: 1 })
  }

  /** Returns the requests per AWS operation name since start or the last `clearCounts()`. */
  async requestCounts(): Promise<Record<string, number>> {
    return (await this.#request({ kind: 'counts' })) as Record<string, number>
  }

  /** Resets the request counts. */
  async clearCounts(): Promise<void> {
    await this.#request({ kind: 'clear' })
  }

  /** Replaces the injected latency. */
  async setLatency(latency: LatencyOptions): Promise<void> {
    await this.#request({ kind: 'latency', latency })
  }

  /** Returns the CPU time (user plus system) that the emulator process used since it started, in milliseconds. */
  async cpuMs(): Promise<number> {
    return (await this.#request({ kind: 'cpu' })) as number
  }

  /** Returns the emulator process's resident set size in bytes. */
  async residentBytes(): Promise<number> {
    return (await this.#request({ kind: 'memory' })) as number
  }

  /** Stops the emulator and waits for its process to exit, and kills the process if it has not exited after 5 s. */
  async close(): Promise<void> {
    if (this.#child.exitCode !== null) return
    const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()))
    await this.#request({ kind: 'close' }).catch(() => undefined)
    const timer = setTimeout(() => this.#child.kill(), 5_000)
    await exited
    clearTimeout(timer)
  }

  #request(body: RequestBody): Promise<unknown> {
    const id = this.#nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id)
        reject(new Error(`Emulator process request '${body.kind}' timed out after ${requestTimeoutMs} ms.`))
      }, requestTimeoutMs)
      this.#pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer)
          resolve(value)
        },
        reject: (error) => {
          clearTimeout(timer)
          reject(error)
        },
      })
      this.#child.send({ ...body, id } as EmulatorRequest)
    })
  }
}
