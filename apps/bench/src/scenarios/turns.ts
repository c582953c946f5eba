import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { ListEventsCommand } from '@aws-sdk/client-bedrock-agentcore'
import type { ContentBlockData } from '@strands-agents/sdk'
import type { EventLoopDelayRecorder } from '../stats/event-loop-delay'
import { collectGarbage, startMemorySampler } from '../stats/memory-sampler'
import { type ArrivalPattern, createArrivalSchedule } from '../workload/arrival-schedule'
import { promptOf } from '../workload/conversation-script'
import { type Conversation, createConversation, type ModeName } from '../workload/modes'
import { runTurn } from '../workload/run-turn'
import { type BenchEnvironment, countBetween } from './environment'

/** Settings of one mode-run: N concurrent conversations of several turns each. */
export interface TurnsRunOptions {
  mode: ModeName
  conversations: number
  turns: number
  /** Label of the scenario, for the progress line and session ids. */
  label: string
  /** Prompt builder of turn `index`. Default: {@link promptOf}. */
  prompt?: (index: number) => string | ContentBlockData[]
  /** Conversation factory. Default: a fresh session per conversation. */
  create?: (mode: ModeName, sessionId: string) => Conversation | Promise<Conversation>
  /** Adds the event-loop delay of the turns to this recorder. */
  eventLoop: EventLoopDelayRecorder
  /** Arrival pattern: when conversations start and how long they pause between turns. */
  arrival: ArrivalPattern
  /** Seed of the arrival schedule, so that one seed gives every mode the same schedule. */
  seed: number
}

/** Raw figures of one mode-run. */
export interface TurnsRunSample {
  timeToFirstTokenMs: number[]
  turnMs: number[]
  /** Turns that completed. */
  turns: number
  /** Wall time of the turns, from the first prompt to the last end, in milliseconds. */
  elapsedMs: number
  /** CPU time (user plus system) of this process during the turns, in milliseconds, without the emulator's. */
  cpuMs: number
  /** CPU time of the emulator's process during the turns, in milliseconds. */
  emulatorCpuMs: number
  /** `CreateEvent` calls, including those that `close()` sent after the turns. */
  createEvents: number
  /** `ListEvents` calls, restores included. */
  listEvents: number
  /** Agent-state events in the first conversation's session, read back after the run. */
  stateEventsInFirstSession: number
  /** Peak resident set size and heap over the baseline taken before the conversations were built, in bytes. */
  peakRssDelta: number
  peakHeapDelta: number
}

/**
 * Runs `conversations` conversations concurrently, started and paused by the arrival pattern, each playing
 * `turns` turns one after another. Restores finish
 * before the first prompt (a server prefetches when the connection opens), so the figures cover turns only.
 */
export async function runTurns(env: BenchEnvironment, options: TurnsRunOptions): Promise<TurnsRunSample> {
  collectGarbage()
  const baseline = process.memoryUsage()
  const stopMemory = startMemorySampler()

  const sessionIds = Array.from({ length: options.conversations }, () => env.nextSessionId(options.mode))
  const conversations = await Promise.all(
    sessionIds.map((sessionId) =>
      options.create
        ? options.create(options.mode, sessionId)
        : createConversation(options.mode, {
            client: env.client,
            memoryId: env.memoryId,
            actorId: env.actorId,
            sessionId,
            fileStorageDir: env.fileStorageDir,
            timing: env.timing,
          }),
    ),
  )
  await Promise.all(conversations.map((conversation) => conversation.open()))

  const before = await env.emulator.requestCounts()
  const timeToFirstTokenMs: number[] = []
  const turnMs: number[] = []
  const prompt = options.prompt ?? promptOf
  const schedule = createArrivalSchedule(options.arrival, options.conversations, options.turns, options.seed)
  let completed = 0

  const stopLoop = options.eventLoop.start()
  const emulatorCpuBefore = await env.emulator.cpuMs()
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  await Promise.all(
    conversations.map(async (conversation, position) => {
      await sleep(schedule.startOffsetsMs[position] ?? 0)
      for (let index = 0; index < options.turns; index += 1) {
        const pause = schedule.thinkMs[position]?.[index] ?? 0
        if (pause > 0) await sleep(pause)
        const timing = await runTurn(conversation.agent, prompt(index))
        timeToFirstTokenMs.push(timing.timeToFirstTokenMs)
        turnMs.push(timing.turnMs)
        completed += 1
      }
    }),
  )
  const elapsedMs = performance.now() - started
  const cpu = process.cpuUsage(cpuBefore)
  const emulatorCpuMs = (await env.emulator.cpuMs()) - emulatorCpuBefore
  stopLoop()
  const peak = stopMemory()

  await Promise.all(conversations.map((conversation) => conversation.close()))
  const after = await env.emulator.requestCounts()
  const firstSession = sessionIds[0]
  const stateEvents =
    firstSession !== undefined && conversations[0]?.manager !== undefined
      ? await countStateEvents(env, firstSession)
      : 0

  return {
    timeToFirstTokenMs,
    turnMs,
    turns: completed,
    elapsedMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    emulatorCpuMs,
    createEvents: countBetween(before, after, 'CreateEvent'),
    listEvents: countBetween(before, after, 'ListEvents'),
    stateEventsInFirstSession: stateEvents,
    peakRssDelta: peak.rss - baseline.rss,
    peakHeapDelta: peak.heapUsed - baseline.heapUsed,
  }
}

// A bound on pages read back, so that a session far larger than the benchmark writes cannot loop for long.
const maxPages = 200

/** Counts the events of a session whose metadata marks them as agent state. */
export async function countStateEvents(env: BenchEnvironment, sessionId: string): Promise<number> {
  let count = 0
  let nextToken: string | undefined
  for (let page = 0; page < maxPages; page += 1) {
    const output = await env.client.send(
      new ListEventsCommand({
        memoryId: env.memoryId,
        actorId: env.actorId,
        sessionId,
        includePayloads: false,
        maxResults: 100,
        ...(nextToken !== undefined && { nextToken }),
      }),
    )
    for (const event of output.events ?? []) {
      if (event.metadata?.stateType?.stringValue === 'AGENT') count += 1
    }
    nextToken = output.nextToken
    if (nextToken === undefined) break
  }
  return count
}
