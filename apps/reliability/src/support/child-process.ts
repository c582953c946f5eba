import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

/** Root folder of the reliability app, the working directory of every child. */
const appDir = fileURLToPath(new URL('../..', import.meta.url))

/** A TypeScript child process whose stdout arrives line by line. */
export interface ScriptProcess {
  child: ChildProcess
  /** Complete stdout lines so far; a line cut off by a kill is never listed. */
  lines: string[]
  /** Resolves with the exit code, or the signal name when a signal ended the child. */
  exited: Promise<number | NodeJS.Signals>
  /** Resolves with the first line that satisfies `match`; rejects when the child exits first or after `timeoutMs`. */
  waitForLine(match: (line: string) => boolean, timeoutMs: number): Promise<string>
  /** Collected stderr, for failure messages. */
  stderr(): string
}

/** Starts `tsx --conditions=@agentcore-session/source <script> ...args` in the reliability app. */
export function startScript(script: string, args: string[]): ScriptProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@agentcore-session/source', script, ...args],
    { cwd: appDir, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const lines: string[] = []
  const listeners = new Set<(line: string) => void>()
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line)
    for (const listener of listeners) listener(line)
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code ?? -1)),
  )
  const waitForLine = (match: (line: string) => boolean, timeoutMs: number) =>
    new Promise<string>((resolve, reject) => {
      const found = lines.find(match)
      if (found !== undefined) {
        resolve(found)
        return
      }
      const timer = setTimeout(() => {
        listeners.delete(listener)
        reject(new Error(`The child printed no matching line within ${timeoutMs} ms. stderr: ${stderr.slice(-2000)}`))
      }, timeoutMs)
      const listener = (line: string) => {
        if (match(line)) {
          clearTimeout(timer)
          listeners.delete(listener)
          resolve(line)
        }
      }
      listeners.add(listener)
      void exited.then((status) => {
        if (listeners.has(listener)) {
          clearTimeout(timer)
          listeners.delete(listener)
          reject(new Error(`The child exited (${status}) before the expected line. stderr: ${stderr.slice(-2000)}`))
        }
      })
    })
  return { child, lines, exited, waitForLine, stderr: () => stderr }
}
