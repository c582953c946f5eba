import type { Emulator } from '@agentcore-session/emulator'
import { backgroundFaults, type ChaosProfile } from './chaos-profile'
import type { Conversation, TurnOutcome } from './conversation'

/** Outcomes of one conversation, one entry per attempted turn. */
export interface ConversationRun {
  conversation: Conversation
  turns: TurnOutcome[]
}

/** Settings of {@link driveConversations}. */
export interface DriveOptions {
  profile: ChaosProfile
  emulator: Emulator
  /** Prompt attempts per turn; a failed attempt is sent again with a new prompt, as a user would. */
  attemptsPerTurn: number
}

/** Figures of the outage the driver injected. */
export interface OutageReport {
  /** Completed turns when the outage began. */
  startedAfterTurns: number
  /** Length of the outage in milliseconds. */
  durationMs: number
}

/**
 * Runs every conversation's turns, all conversations at once, and injects a
 * full outage (every request fails with a 500) once half of the turns are
 * done. Background faults stay on for the rest of the run.
 */
export async function driveConversations(
  conversations: Conversation[],
  options: DriveOptions,
): Promise<{ runs: ConversationRun[]; outage: OutageReport }> {
  const { profile, emulator } = options
  const totalTurns = conversations.length * profile.turns
  let completedTurns = 0
  let outageStarted: Promise<void> | undefined
  const outage: OutageReport = { startedAfterTurns: 0, durationMs: profile.outageMs }

  const startOutage = () => {
    outage.startedAfterTurns = completedTurns
    emulator.setFaults({ serviceErrorRate: 1 })
    outageStarted = new Promise((resolve) =>
      setTimeout(() => {
        emulator.setFaults(backgroundFaults)
        resolve()
      }, profile.outageMs),
    )
  }

  const runOne = async (conversation: Conversation, index: number): Promise<ConversationRun> => {
    const turns: TurnOutcome[] = []
    for (let turn = 1; turn <= profile.turns; turn += 1) {
      for (let attempt = 1; attempt <= options.attemptsPerTurn; attempt += 1) {
        const suffix = attempt === 1 ? '' : ` attempt ${attempt}`
        const outcome = await conversation.turn(`conversation ${index} turn ${turn}${suffix}`)
        turns.push(outcome)
        if (outcome.ok) {
          break
        }
        await new Promise((resolve) => setTimeout(resolve, 500))
      }
      completedTurns += 1
      if (outageStarted === undefined && completedTurns >= totalTurns / 2) {
        startOutage()
      }
    }
    return { conversation, turns }
  }

  const deadline = new Promise<never>((_, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The chaos run passed its deadline of ${profile.deadlineMs} ms.`)),
      profile.deadlineMs,
    )
    timer.unref()
  })
  const runs = await Promise.race([Promise.all(conversations.map(runOne)), deadline])
  await outageStarted
  return { runs, outage }
}

/** Counts the faults that the emulator injected, from its request log. */
export function countFaults(emulator: Emulator): { throttled: number; serviceErrors: number; dropped: number } {
  let throttled = 0
  let serviceErrors = 0
  let dropped = 0
  for (const entry of emulator.requestLog()) {
    if (entry.status === 429) throttled += 1
    else if (entry.status === 500) serviceErrors += 1
    else if (entry.status === 0) dropped += 1
  }
  return { throttled, serviceErrors, dropped }
}
