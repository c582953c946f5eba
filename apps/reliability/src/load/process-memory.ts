import { readFile } from 'node:fs/promises'

/** Reads a process's resident set size in bytes from `/proc/<pid>/status` (Linux only). */
export async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status)
  if (match === null) throw new Error(`No VmRSS line in /proc/${pid}/status; is the process still running?`)
  return Number(match[1]) * 1024
}

/** Reads this process's soft limit of open files from `/proc/self/limits`; `Infinity` when unlimited. */
export async function openFileLimit(): Promise<number> {
  const limits = await readFile('/proc/self/limits', 'utf8')
  const match = /^Max open files\s+(\S+)/m.exec(limits)
  if (match === null || match[1] === 'unlimited') return Number.POSITIVE_INFINITY
  return Number(match[1])
}

/** Samples a process's resident set size at a fixed interval and keeps the peak. */
export class MemorySampler {
  readonly #pid: number
  readonly #timer: NodeJS.Timeout
  #peakBytes = 0
  #lastBytes = 0

  constructor(pid: number, intervalMs: number) {
    this.#pid = pid
    this.#timer = setInterval(() => void this.sample(), intervalMs)
    this.#timer.unref()
  }

  /** Takes one sample now and returns it; a process that has exited leaves the figures unchanged. */
  async sample(): Promise<number> {
    try {
      this.#lastBytes = await residentBytes(this.#pid)
      this.#peakBytes = Math.max(this.#peakBytes, this.#lastBytes)
    } catch {
      // The process exited between two samples; the caller sees that through its exit code.
    }
    return this.#lastBytes
  }

  /** Largest sample so far, in bytes. */
  get peakBytes(): number {
    return this.#peakBytes
  }

  /** Stops sampling. */
  stop(): void {
    clearInterval(this.#timer)
  }
}
