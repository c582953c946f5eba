import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { ChatClient, type ServerMessage } from '../security/chat-client'
import { killDemoProcess, startDemoProcess } from '../security/demo-process'
import { recordFigures } from '../support/results'
import { MemorySampler, openFileLimit } from './process-memory'

// Opens N concurrent WebSocket conversations against the demo, started as a child process on 127.0.0.1 with its
// embedded emulator and offline model, and runs T turns in each. Checks that every turn ends with `endTurn`, that
// the server's resident memory stays under a bound, that no promise rejection goes unhandled in either process and
// that the server drains on SIGTERM. Prints turns per second and the server's event loop delay, and records them in
// `results/load-<N>.json` and RESULTS.md. Exits with 1 when a check fails.

const { values } = parseArgs({
  options: {
    conversations: { type: 'string', default: '100' },
    turns: { type: 'string', default: '2' },
    'deadline-s': { type: 'string', default: '300' },
    'connect-batch': { type: 'string', default: '100' },
  },
})

const conversations = positiveInteger('conversations', values.conversations, 5_000)
const turns = positiveInteger('turns', values.turns, 10)
const deadlineMs = positiveInteger('deadline-s', values['deadline-s'], 1_800) * 1_000
const connectBatch = positiveInteger('connect-batch', values['connect-batch'], 1_000)

/**
 * Server memory allowed per open conversation on top of the idle server: the agent, its restored history, the
 * memory session and the socket buffers. Sized from measured runs with headroom (see SECURITY.md).
 */
const memoryBudgetPerConversationBytes = 1_000_000
/** Memory allowed on top of the idle server whatever the conversation count: V8 heap growth and GC slack. */
const memoryBaseAllowanceBytes = 300_000_000

function positiveInteger(name: string, text: string | undefined, maximum: number): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value < 1 || value > maximum) {
    throw new RangeError(`Invalid --${name} '${text}': expected an integer from 1 to ${maximum}.`)
  }
  return value
}

interface ConversationResult {
  completedTurns: number
  failure?: string
  metrics: Array<Record<string, unknown>>
}

let unhandledRejections = 0
process.on('unhandledRejection', (reason) => {
  unhandledRejections += 1
  process.stderr.write(`Unhandled rejection in the load driver: ${String(reason)}\n`)
})

async function runConversation(index: number, client: ChatClient): Promise<ConversationResult> {
  const result: ConversationResult = { completedTurns: 0, metrics: [] }
  try {
    await client.next('session', 60_000)
    const prompts = [`I like tea number ${index}.`, 'What time is it?', 'What do I like?', 'Please repeat load test']
    for (let turn = 0; turn < turns; turn++) {
      const { done } = await client.turn(prompts[turn % prompts.length] as string, 120_000)
      if (done.stopReason !== 'endTurn') throw new Error(`turn ${turn} ended with ${String(done.stopReason)}`)
      result.metrics.push(done.metrics as Record<string, unknown>)
      result.completedTurns += 1
    }
  } catch (error) {
    const errors = client.received.filter((message: ServerMessage) => message.type === 'error')
    result.failure = `${(error as Error).message}${errors.length > 0 ? ` (server errors: ${JSON.stringify(errors)})` : ''}`
  }
  await client.close().catch(() => {})
  return result
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] as number
}

function megabytes(bytes: number): number {
  return Math.round(bytes / 1_048_576)
}

async function main(): Promise<number> {
  // Each conversation takes one descriptor here and one in the server; both processes inherit this soft limit.
  const fileLimit = await openFileLimit()
  if (conversations + 200 > fileLimit) {
    process.stderr.write(
      `Open-file limit ${fileLimit} is too low for ${conversations} conversations; raise it with 'ulimit -n' ` +
        `(up to the hard limit) or pass a smaller --conversations.\n`,
    )
    return 1
  }

  const dataDir = await mkdtemp(join(tmpdir(), 'reliability-load-'))
  const demo = startDemoProcess({
    DEMO_DATA_DIR: dataDir,
    DEMO_DB: ':memory:',
    DEMO_TOKEN_SECRET: randomBytes(32).toString('hex'),
  })
  const deadline = setTimeout(() => {
    process.stderr.write(`The load test passed its deadline of ${deadlineMs / 1000} s; stopping the demo.\n`)
    demo.child.kill('SIGKILL')
  }, deadlineMs)
  deadline.unref()

  try {
    const url = await demo.url
    const pid = demo.child.pid as number
    const sampler = new MemorySampler(pid, 200)
    const idleBytes = await sampler.sample()

    const startedAt = performance.now()
    const clients: ChatClient[] = []
    let connectFailures = 0
    for (let start = 0; start < conversations; start += connectBatch) {
      const batch = Array.from({ length: Math.min(connectBatch, conversations - start) }, () =>
        ChatClient.connect(url, { mode: 'async' }),
      )
      for (const settled of await Promise.allSettled(batch)) {
        if (settled.status === 'fulfilled') clients.push(settled.value)
        else connectFailures += 1
      }
    }
    const openBytes = await sampler.sample()
    const results = await Promise.all(clients.map((client, index) => runConversation(index, client)))
    const elapsedMs = performance.now() - startedAt
    const busyPeakBytes = sampler.peakBytes

    demo.child.kill('SIGTERM')
    const exit = await demo.exited
    sampler.stop()
    clearTimeout(deadline)

    const completedTurns = results.reduce((total, result) => total + result.completedTurns, 0)
    const failures = results.flatMap((result) => (result.failure === undefined ? [] : [result.failure]))
    const metrics = results.flatMap((result) => result.metrics)
    const loopMax = metrics.map((item) => (item.eventLoopDelay as { maxMs: number }).maxMs).sort((a, b) => a - b)
    const loopP99 = metrics.map((item) => (item.eventLoopDelay as { p99Ms: number }).p99Ms).sort((a, b) => a - b)
    const firstToken = metrics
      .map((item) => item.timeToFirstTokenMs)
      .filter((value): value is number => typeof value === 'number')
      .sort((a, b) => a - b)
    const serverErrors = demo.logLines.filter((line) => typeof line.level === 'number' && line.level >= 50)
    const memoryBound = idleBytes + memoryBaseAllowanceBytes + conversations * memoryBudgetPerConversationBytes

    const summary = {
      conversations,
      turnsPerConversation: turns,
      expectedTurns: conversations * turns,
      completedTurns,
      connectFailures,
      failedConversations: failures.length,
      elapsedSeconds: Number((elapsedMs / 1000).toFixed(1)),
      turnsPerSecond: Number((completedTurns / (elapsedMs / 1000)).toFixed(1)),
      timeToFirstTokenMs: { p50: percentile(firstToken, 0.5), p99: percentile(firstToken, 0.99) },
      serverEventLoopDelayMs: {
        worstTurnMax: loopMax.at(-1) ?? 0,
        medianTurnMax: percentile(loopMax, 0.5),
        worstTurnP99: loopP99.at(-1) ?? 0,
        medianTurnP99: percentile(loopP99, 0.5),
      },
      serverMemoryMB: {
        idle: megabytes(idleBytes),
        allConnected: megabytes(openBytes),
        peak: megabytes(busyPeakBytes),
        bound: megabytes(memoryBound),
      },
      serverErrorLogLines: serverErrors.length,
      unhandledRejectionsInDriver: unhandledRejections,
      serverExit: exit,
      node: process.version,
    }
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`)
    recordFigures({
      name: `load-${conversations}`,
      title: `Load: ${conversations} concurrent WebSocket conversations`,
      command: `pnpm --filter @agentcore-session/reliability ${conversations === 1000 ? 'test:load:full' : 'test:load'}`,
      profile: conversations >= 1000 ? 'full' : 'short',
      // The load has no random choices; the emulator's latency jitter uses its own default seed.
      seed: 0,
      figures: [
        ['conversations open at once', conversations],
        ['turns completed / expected', `${completedTurns} / ${conversations * turns}`],
        ['failed connections / conversations', `${connectFailures} / ${failures.length}`],
        ['turns per second', summary.turnsPerSecond],
        ['time to first token p50 / p99 (ms)', `${summary.timeToFirstTokenMs.p50} / ${summary.timeToFirstTokenMs.p99}`],
        [
          'server event loop delay, median / worst turn max (ms)',
          `${summary.serverEventLoopDelayMs.medianTurnMax} / ${summary.serverEventLoopDelayMs.worstTurnMax}`,
        ],
        [
          'server RSS idle / all connected / peak / bound (MB)',
          `${summary.serverMemoryMB.idle} / ${summary.serverMemoryMB.allConnected} / ${summary.serverMemoryMB.peak} / ${summary.serverMemoryMB.bound}`,
        ],
        ['server error log lines', serverErrors.length],
        ['unhandled rejections (driver; server exit code)', `${unhandledRejections}; ${String(exit)}`],
      ],
    })

    const problems: string[] = []
    if (connectFailures > 0) problems.push(`${connectFailures} connections failed`)
    if (completedTurns !== conversations * turns)
      problems.push(`${completedTurns} of ${conversations * turns} turns completed`)
    for (const failure of failures.slice(0, 5)) problems.push(`conversation failed: ${failure}`)
    if (busyPeakBytes > memoryBound)
      problems.push(`server memory peaked at ${megabytes(busyPeakBytes)} MB, over the bound`)
    if (serverErrors.length > 0)
      problems.push(`server logged ${serverErrors.length} errors: ${JSON.stringify(serverErrors[0])}`)
    if (unhandledRejections > 0) problems.push(`${unhandledRejections} unhandled rejections in the driver`)
    // Node 24 ends a process on an unhandled rejection, so a clean exit 0 after SIGTERM also proves there was none.
    if (exit !== 0) problems.push(`server exited with ${String(exit)} instead of draining with 0`)
    for (const problem of problems) process.stderr.write(`FAIL: ${problem}\n`)
    if (problems.length === 0) process.stderr.write('PASS: every turn completed and every check held.\n')
    return problems.length === 0 ? 0 : 1
  } finally {
    clearTimeout(deadline)
    await killDemoProcess(demo)
    await rm(dataDir, { recursive: true, force: true })
  }
}

process.exitCode = await main()
