import { performance } from 'node:perf_hooks'
import type { Agent, ContentBlockData } from '@strands-agents/sdk'

/** Timings of one turn, in milliseconds. */
export interface TurnTiming {
  /** From handing the prompt to `agent.stream` to the first text delta the consumer receives. */
  timeToFirstTokenMs: number
  /** From handing the prompt to `agent.stream` to the end of the stream. */
  turnMs: number
}

/**
 * Runs one turn and times it. The clock starts right before `agent.stream` is called and the loop body does
 * nothing but look for the first text delta, so the harness adds no work to the measured path.
 */
export async function runTurn(agent: Agent, prompt: string | ContentBlockData[]): Promise<TurnTiming> {
  const started = performance.now()
  let firstToken = Number.NaN
  for await (const event of agent.stream(prompt)) {
    if (
      Number.isNaN(firstToken) &&
      event.type === 'modelStreamUpdateEvent' &&
      event.event.type === 'modelContentBlockDeltaEvent' &&
      event.event.delta.type === 'textDelta'
    ) {
      firstToken = performance.now()
    }
  }
  const ended = performance.now()
  return { timeToFirstTokenMs: firstToken - started, turnMs: ended - started }
}
