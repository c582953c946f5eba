import type { BenchResults } from '../results'
import type { TurnsModeResult } from '../scenarios/turns-result'
import { formatTargets } from '../target'
import { modeDescriptions } from '../workload/modes'
import { formatRunContext, wasMachineBusy } from './machine'
import { formatNumber, renderMarkdownTable } from './markdown-table'
import { renderBarChart } from './svg-bar-chart'

/** A chart file that the page includes. */
export interface ChartFile {
  /** File name inside the docs folder, for example `ttft-p99-100.svg`. */
  fileName: string
  svg: string
}

/** The Markdown page and the charts it references. */
export interface RenderedReport {
  markdown: string
  charts: ChartFile[]
}

const ms = (value: number) => formatNumber(value, 1)
const signedMs = (value: number) => (Number.isFinite(value) && value > 0 ? `+${value.toFixed(1)}` : ms(value))
const ratio = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '—')
const mib = (bytes: number) => formatNumber(bytes / 2 ** 20, 0)
const kib = (bytes: number) => formatNumber(bytes / 1024, 1)

function latencyTable(title: string, results: readonly TurnsModeResult[]): string {
  return renderMarkdownTable({
    title,
    columns: [
      'mode',
      'TTFT p50 (ms)',
      'TTFT p99 (ms)',
      'over floor p50 (ms)',
      'over floor p99 (ms)',
      'p99 ÷ floor',
      'turn p50 (ms)',
      'turn p99 (ms)',
    ],
    rows: results.map((result) => [
      result.mode,
      ms(result.timeToFirstTokenMs.p50),
      ms(result.timeToFirstTokenMs.p99),
      signedMs(result.overheadMs.p50),
      signedMs(result.overheadMs.p99),
      ratio(result.ratioToFloorP99),
      ms(result.turnMs.p50),
      ms(result.turnMs.p99),
    ]),
  })
}

function loadTable(title: string, results: readonly TurnsModeResult[]): string {
  return renderMarkdownTable({
    title,
    columns: [
      'mode',
      'loop delay p50 (ms)',
      'loop delay p99 (ms)',
      'p99 per round (ms)',
      'loop delay max (ms)',
      'CreateEvent per turn',
      'agent-state events per session',
      'turns per second',
      'CPU per turn (ms)',
      'emulator CPU (cores)',
      'peak RSS per 1000 (MiB)',
      'peak heap per 1000 (MiB)',
    ],
    rows: results.map((result) => [
      result.mode,
      ms(result.eventLoopDelayMs.p50),
      ms(result.eventLoopDelayMs.p99),
      result.eventLoopDelayP99PerRoundMs.map((value) => ms(value)).join(', '),
      ms(result.eventLoopDelayMs.max),
      formatNumber(result.createEventsPerTurn, 2),
      formatNumber(result.stateEventsPerSession, 1),
      formatNumber(result.turnsPerSecond, 1),
      formatNumber(result.cpuMsPerTurn, 2),
      formatNumber(result.emulatorCpuShare, 2),
      mib(result.peakRssPer1000),
      mib(result.peakHeapPer1000),
    ]),
  })
}

function heavyTable(title: string, results: readonly TurnsModeResult[]): string {
  const floor = results.find((result) => result.mode === 'no-memory')
  return renderMarkdownTable({
    title,
    columns: [
      'mode',
      'TTFT p99 (ms)',
      'over floor p99 (ms)',
      'turn p99 (ms)',
      'loop delay p99 (ms)',
      'loop delay p99 over floor (ms)',
      'loop delay max (ms)',
      'CPU per turn (ms)',
      'CreateEvent per turn',
    ],
    rows: results.map((result) => [
      result.mode,
      ms(result.timeToFirstTokenMs.p99),
      signedMs(result.overheadMs.p99),
      ms(result.turnMs.p99),
      ms(result.eventLoopDelayMs.p99),
      signedMs(result.eventLoopDelayMs.p99 - (floor?.eventLoopDelayMs.p99 ?? Number.NaN)),
      ms(result.eventLoopDelayMs.max),
      formatNumber(result.cpuMsPerTurn, 2),
      formatNumber(result.createEventsPerTurn, 2),
    ]),
  })
}

function chartOf(
  prefix: string,
  fileName: string,
  title: string,
  unit: string,
  results: readonly TurnsModeResult[],
  pick: (r: TurnsModeResult) => number,
): ChartFile {
  return {
    fileName: `${prefix}${fileName}`,
    svg: renderBarChart({ title, unit, bars: results.map((result) => ({ label: result.mode, value: pick(result) })) }),
  }
}

/** Options of {@link renderReport}. */
export interface RenderOptions {
  /** Prefix of every chart's file name, so that two profiles can share one folder. */
  chartPrefix?: string
  /** Path of the raw results file, relative to the repository, for the page's closing line. */
  rawResultsPath?: string
  /** A sentence with a Markdown link to the other profile's page, placed under the run context. */
  companion?: string
}

/** Renders the benchmark page and its charts from one run's results. */
export function renderReport(results: BenchResults, options: RenderOptions = {}): RenderedReport {
  const prefix = options.chartPrefix ?? ''
  const charts: ChartFile[] = []
  const sections: string[] = []
  const { settings } = results
  const latency = settings.latency.default ?? {}

  const turnSections = [
    ...results.turns.map((byMode) => ({ byMode, burst: false })),
    ...(results.burst.length > 0 ? [{ byMode: results.burst, burst: true }] : []),
  ]
  for (const { byMode, burst } of turnSections) {
    const conversations = byMode[0]?.conversations ?? 0
    const noun = conversations === 1 ? 'conversation' : 'conversations'
    const scope = burst ? `burst of ${conversations} ${noun}` : `${conversations} ${noun}`
    const suffix = burst ? `burst-${conversations}` : String(conversations)
    const ttftChart = chartOf(
      prefix,
      `ttft-p99-${suffix}.svg`,
      `Time to first token p99, ${scope}`,
      'ms',
      byMode,
      (result) => result.timeToFirstTokenMs.p99,
    )
    const loopChart = chartOf(
      prefix,
      `event-loop-p99-${suffix}.svg`,
      `Event-loop delay p99, ${scope}`,
      'ms',
      byMode,
      (result) => result.eventLoopDelayMs.p99,
    )
    charts.push(ttftChart, loopChart)
    sections.push(
      burst ? `## Burst: ${conversations} ${noun} at once` : `## Turns: ${conversations} concurrent ${noun}`,
      burst
        ? 'Every conversation starts at the same moment and sends its next prompt as soon as a turn ends, so all of them reach each step of a turn together. This is a worst case that real traffic rarely produces; it shows how much work each mode puts on the event loop at once.'
        : `Conversations start at offsets spread over ${settings.arrival.spreadMs} ms and pause ${settings.arrival.thinkMs[0]} to ${settings.arrival.thinkMs[1]} ms before each later turn, drawn from a seeded generator, so every mode gets the same schedule.`,
      latencyTable(`Time to first token and turn time, ${scope}`, byMode),
      loadTable(`Event loop, writes, throughput and memory, ${scope}`, byMode),
      `![Time to first token p99 per mode](./${ttftChart.fileName})`,
      `![Event-loop delay p99 per mode](./${loopChart.fileName})`,
    )
  }

  const imageChart = chartOf(
    prefix,
    'heavy-image-event-loop-max.svg',
    'Event-loop delay max, 1 MB image turns',
    'ms',
    results.image,
    (result) => result.eventLoopDelayMs.max,
  )
  const historyChart = chartOf(
    prefix,
    'heavy-history-event-loop-max.svg',
    `Event-loop delay max, ${settings.historyMessages}-message history`,
    'ms',
    results.history,
    (result) => result.eventLoopDelayMs.max,
  )
  charts.push(imageChart, historyChart)
  sections.push(
    '## Heavy payloads',
    `Each turn of the image scenario carries a ${formatNumber(settings.imageBytes / 2 ** 20, 0)} MB image of random bytes, and the image stays in the history, so later turns carry the earlier images too. The history scenario plays turns on top of ${settings.historyMessages} messages: the AgentCore modes restore them from the emulator before the first prompt, the other modes start with them in memory.`,
    heavyTable('1 MB image per turn', results.image),
    `![Event-loop delay max with 1 MB images](./${imageChart.fileName})`,
    heavyTable(`${settings.historyMessages}-message history`, results.history),
    `![Event-loop delay max with a long history](./${historyChart.fileName})`,
  )

  sections.push(
    '## Agent-state writes',
    'One conversation per AgentCore mode plays four turns; the harness changes the app state once, before the third turn. After each turn the session is flushed and its agent-state events are counted. The one expected write shows that the count sees writes.',
    renderMarkdownTable({
      title: 'Agent-state events after each turn',
      columns: ['mode', 'state changed before turn', 'events after turns 1, 2, 3, 4', 'writes in unchanged turns'],
      rows: results.stateWrites.map((result) => [
        result.mode,
        String(result.changedBeforeTurn + 1),
        result.stateEventsAfterTurn.join(', '),
        String(result.writesWithoutChange),
      ]),
    }),
  )

  const restoreChart: ChartFile = {
    fileName: `${prefix}restore-wait.svg`,
    svg: renderBarChart({
      title: 'Restore wait p50 on the first prompt',
      unit: 'ms',
      bars: results.restore.map((result) => ({
        label: `${result.events} events, ${result.limit === null ? 'full' : `limit ${result.limit}`}${result.prefetch ? ', prefetch' : ''}`,
        value: result.waitMs.p50,
      })),
    }),
  }
  charts.push(restoreChart)
  sections.push(
    '## Restore',
    `A cold restore of a session with one message per event, timed from the first prompt until the history is ready. With prefetch, the restore starts when the connection opens and the prompt arrives ${settings.prefetchThinkTimeMs} ms later, so the figure is the wait that remains. With a limit, core reads message pages until it has enough messages and, at the same time, runs a filtered \`ListEvents\` query for the newest agent state; the last columns split the calls.`,
    renderMarkdownTable({
      title: 'Cold-start restore',
      columns: [
        'events',
        'restore',
        'prefetch',
        'wait p50 (ms)',
        'wait max (ms)',
        'ListEvents calls',
        'of which state query',
        'messages restored',
      ],
      rows: results.restore.map((result) => [
        String(result.events),
        result.limit === null ? 'full' : `limit ${result.limit}`,
        result.prefetch ? 'yes' : 'no',
        ms(result.waitMs.p50),
        ms(result.waitMs.max),
        String(result.listEventsCalls),
        String(result.stateQueryCalls),
        String(result.messagesRestored),
      ]),
    }),
    `![Restore wait per session length](./${restoreChart.fileName})`,
  )

  sections.push(
    '## Memory per open idle session',
    'Heap that open conversations keep after one turn, once their writes are durable, measured after a full garbage collection. The over-floor column is what the session manager adds to an agent without memory.',
    renderMarkdownTable({
      title: `Idle sessions, ${results.idleMemory[0]?.sessions ?? 0} per mode`,
      columns: ['mode', 'heap per session (KB)', 'heap over floor (KB)', 'RSS per session (KB)'],
      rows: results.idleMemory.map((result) => [
        result.mode,
        kib(result.heapPerSession),
        kib(result.heapOverFloorPerSession),
        kib(result.rssPerSession),
      ]),
    }),
  )

  sections.push(
    "## The emulator's own throughput",
    `The emulator's benchmark, run in this process with no injected latency and ${results.emulator.concurrency} requests in flight, so client and server share the CPU. In the scenarios above the emulator runs in its own process. The emulator CPU column of the turns tables shows how busy it was, and a value near 1 core would mean that it limited the writes.`,
    renderMarkdownTable({
      title: 'Emulator per operation',
      columns: ['operation', 'requests', 'errors', 'requests per second', 'p50 (ms)', 'p99 (ms)', 'max (ms)'],
      rows: results.emulator.operations.map((operation) => [
        operation.operation,
        String(operation.requests),
        String(operation.errors),
        formatNumber(operation.throughputPerSecond, 0),
        ms(operation.latencyMs.p50),
        ms(operation.latencyMs.p99),
        ms(operation.latencyMs.max),
      ]),
    }),
  )

  const header = [
    results.profile === 'full' ? '# Benchmarks: full profile' : '# Benchmarks',
    '',
    'Time to first token (TTFT), event-loop delay, write calls, restore time and memory of every memory mode, measured side by side in one process run against the local AgentCore Memory emulator with the same injected latency.',
    '',
    wasMachineBusy(results.context)
      ? `::: warning Shared machine\nThese numbers come from a shared ${results.context.cores}-core machine on which other jobs ran at the same time: its load average exceeded its core count. Absolute times drift from run to run, so compare modes within one table, and prefer the ratios, the differences to the floor and the CPU time per turn.\n:::`
      : `::: tip Reading the numbers\nAbsolute times depend on the machine. Compare modes within one table, and prefer the ratios, the differences to the floor and the CPU time per turn.\n:::`,
    '',
    formatRunContext(results.context),
    '',
    ...(options.companion === undefined ? [] : [options.companion, '']),
    `Profile \`${results.profile}\`. The emulator runs in a child process on 127.0.0.1 and adds ${latency.fixedMs ?? 0} ms ± ${latency.jitterMs ?? 0} ms to every call. The scripted model waits ${settings.model.timeToFirstTokenMs} ms before its first token and ${settings.model.tokenDelayMs} ms between tokens. Each conversation plays ${settings.turnsPerConversation} turns and the second one calls a tool. Each scenario runs every mode once per round, ${settings.rounds} ${settings.rounds === 1 ? 'round' : 'rounds'} in all, in a rotated order, so machine drift hits each mode alike.`,
    '',
    '## Targets',
    '',
    '```text',
    formatTargets(results.targets),
    '```',
    '',
    '## Modes',
    '',
    ...Object.entries(modeDescriptions).map(([mode, description]) => `- \`${mode}\`: ${description}`),
    '',
    '## Method',
    '',
    '- TTFT runs from the moment the prompt is handed to `agent.stream` to the first text delta the consumer receives. Turn time runs to the end of the stream.',
    '- Each connection waits for its restore before the first prompt, as a server that prefetches when the connection opens does; restore time has its own section.',
    "- Event-loop delay comes from `perf_hooks.monitorEventLoopDelay` (1 ms resolution) during the turns only, one monitor per run. Over several rounds the tables show the mean of the rounds' p50 and p99 and the largest max.",
    "- CPU per turn is the benchmark process's user and system CPU time during the turns divided by the turns. It leaves out the emulator's process and drifts less than wall times on a shared machine. Emulator CPU is the emulator process's CPU time over the wall time of the turns, in cores: near 1, the emulator limits the writes.",
    '- `CreateEvent` and `ListEvents` calls are counted by the emulator and include the writes that `close()` flushes after the turns. Agent-state events are read back from the first session of each run.',
    '- Peak memory is the highest `process.memoryUsage()` sample over the baseline before the conversations were built, scaled to 1000 conversations. Samples every 20 ms miss short peaks.',
    '- The AWS SDK client keeps its default HTTP handler, which opens at most 50 sockets per host. At 1000 conversations, requests wait for a free socket, and the SDK logs a warning about it.',
    '',
    `Run it yourself: \`pnpm bench\` (quick profile), \`pnpm bench --full\` (every size), \`pnpm bench --smoke\` (tiny sizes, writes to a temporary folder). The raw figures are in \`${options.rawResultsPath ?? 'apps/bench/results/latest.json'}\`.`,
    '',
  ]

  const body = sections.flatMap((section) => [section, ''])
  return { markdown: `${[...header, ...body].join('\n').trimEnd()}\n`, charts }
}
