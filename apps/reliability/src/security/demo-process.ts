import { type ChildProcess, spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** Folder of the WebSocket demo, the working directory of the child. */
const demoDir = fileURLToPath(new URL('../../../demo-ws/', import.meta.url))
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

/** The demo's `src/main.ts` running as a child process on 127.0.0.1. */
export interface DemoProcess {
  readonly child: ChildProcess
  /** Every stdout line (the demo's JSON log), in order, parsed when it is JSON. */
  readonly logLines: Array<Record<string, unknown>>
  /** Every byte the child wrote to stdout and stderr, as text. */
  output(): string
  /** Resolves with the exit code, or the signal name when a signal ended the child. */
  readonly exited: Promise<number | NodeJS.Signals>
  /** Resolves with the page URL from the `started` log line; rejects when the child exits first or after 30 s. */
  readonly url: Promise<string>
}

/**
 * Starts the demo as `pnpm demo` does, in one Node process (tsx as a loader, so the child's pid is the server's).
 * The child's environment is built from scratch: PATH, HOME, a loopback host, an ephemeral port and `env`. It never
 * gets MEMORY_ID or MODEL_ID, so it uses the embedded emulator and the offline model and makes no outside call.
 */
export function startDemoProcess(env: Record<string, string>): DemoProcess {
  const child = spawn(
    process.execPath,
    ['--import', tsxLoader, '--conditions=@agentcore-session/source', 'src/main.ts'],
    {
      cwd: demoDir,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  const logLines: Array<Record<string, unknown>> = []
  let output = ''
  let pending = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = chunk.toString()
    output += text
    pending += text
    const lines = pending.split('\n')
    pending = lines.pop() ?? ''
    for (const line of lines) {
      if (line.trim() === '') continue
      try {
        logLines.push(JSON.parse(line) as Record<string, unknown>)
      } catch {
        logLines.push({ unparsed: line })
      }
    }
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  // 'close' fires after stdout and stderr ended, so every line has been read by then.
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.on('close', (code, signal) => resolve(signal ?? code ?? -1)),
  )
  const url = new Promise<string>((resolve, reject) => {
    const deadline = Date.now() + 30_000
    const poll = () => {
      const started = logLines.find((line) => line.event === 'started')
      if (typeof started?.url === 'string') {
        resolve(started.url)
        return
      }
      if (child.exitCode !== null || Date.now() > deadline) {
        reject(new Error(`The demo did not start. Output: ${output.slice(-2000)}`))
        return
      }
      setTimeout(poll, 50)
    }
    poll()
  })
  return { child, logLines, output: () => output, exited, url }
}

/** Sends SIGKILL to a demo child that is still running, and waits for it to exit. */
export async function killDemoProcess(demo: DemoProcess): Promise<void> {
  if (demo.child.exitCode === null && demo.child.signalCode === null) demo.child.kill('SIGKILL')
  await demo.exited
}

/** Reads the actor and session id from a demo session token's payload, without verifying it. */
export function claimsOfToken(token: string): { actorId: string; sessionId: string } {
  const [payload = ''] = token.split('.')
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { a: string; s: string }
  return { actorId: claims.a, sessionId: claims.s }
}
