/** Size of a chaos run. */
export interface ChaosProfile {
  /** `short` for CI, `full` for the complete run. */
  name: 'short' | 'full'
  /** Number of conversations, each with its own session and agent. */
  conversations: number
  /** Turns per conversation. */
  turns: number
  /** Length of the full outage in the middle of the run, in milliseconds. */
  outageMs: number
  /** Upper bound of the whole run, in milliseconds; the suite fails instead of running longer. */
  deadlineMs: number
}

/** Request fault rates during the whole run, apart from the outage. */
export const backgroundFaults = { throttleRate: 0.1, serviceErrorRate: 0.05, dropConnectionRate: 0.02 } as const

/** Returns the profile that `CHAOS_PROFILE` selects: `full`, or `short` when unset. */
export function chaosProfile(): ChaosProfile {
  const name = process.env.CHAOS_PROFILE ?? 'short'
  if (name === 'full') {
    return { name, conversations: 200, turns: 5, outageMs: 5_000, deadlineMs: 240_000 }
  }
  if (name === 'short') {
    return { name, conversations: 40, turns: 5, outageMs: 2_000, deadlineMs: 90_000 }
  }
  throw new Error(`Invalid CHAOS_PROFILE '${name}': expected 'short' or 'full'.`)
}
