import { cpus, loadavg, totalmem } from 'node:os'

/** The machine and run a result was measured on, printed beside every table. */
export interface RunContext {
  command: string
  date: string
  node: string
  cpuModel: string
  cores: number
  memoryGiB: number
  /** One-minute load average at the start and end of the run. Results of older harness versions lack it. */
  loadAverage?: { start: number; end: number }
}

/** Returns the one-minute load average, 0 on platforms without one. */
export function currentLoadAverage(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100
}

/** Describes the current machine and the command that started this run. */
export function describeRun(command: string, loadAtStart: number, now: Date = new Date()): RunContext {
  const processors = cpus()
  return {
    command,
    date: now.toISOString(),
    node: process.version,
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: { start: loadAtStart, end: currentLoadAverage() },
  }
}

/** Tells whether other work competed for the CPU: a load average above the core count at the start or end. */
export function wasMachineBusy(context: RunContext): boolean {
  const load = context.loadAverage
  return load !== undefined && Math.max(load.start, load.end) > context.cores
}

/** Formats the run context as one Markdown paragraph. */
export function formatRunContext(context: RunContext): string {
  return (
    `Measured with \`${context.command}\` on ${context.date.slice(0, 10)}: ` +
    `${context.cores} cores (${context.cpuModel}), ${context.memoryGiB} GiB, Node.js ${context.node}.` +
    (context.loadAverage === undefined
      ? ''
      : ` One-minute load average ${context.loadAverage.start} at the start and ${context.loadAverage.end} at the end.`)
  )
}
