import { cpus, totalmem } from 'node:os'

/** The machine and run a result was measured on, printed beside every table. */
export interface RunContext {
  command: string
  date: string
  node: string
  cpuModel: string
  cores: number
  memoryGiB: number
}

/** Describes the current machine and the command that started this run. */
export function describeRun(command: string, now: Date = new Date()): RunContext {
  const processors = cpus()
  return {
    command,
    date: now.toISOString(),
    node: process.version,
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  }
}

/** Formats the run context as one Markdown paragraph. */
export function formatRunContext(context: RunContext): string {
  return (
    `Measured with \`${context.command}\` on ${context.date.slice(0, 10)}: ` +
    `${context.cores} cores (${context.cpuModel}), ${context.memoryGiB} GiB, Node.js ${context.node}.`
  )
}
