import type { ArrivalPattern } from '../workload/arrival-schedule'

/** Names of the benchmark's profiles. */
export type ProfileName = 'smoke' | 'quick' | 'full'

/** Sizes of every scenario in one profile. */
export interface Profile {
  name: ProfileName
  /** Concurrent conversations of the turns scenario, one mode-run per value. */
  conversations: number[]
  /** Turns per conversation. The second turn calls a tool. */
  turns: number
  /** Arrival pattern of every scenario but the burst: when conversations start and how long they pause. */
  arrival: ArrivalPattern
  /** Conversations of the burst scenario, which starts them all at once and sends each prompt without a pause. */
  burstConversations: number
  /** Rounds in which every mode runs once, in a rotated order, so that machine drift hits each mode alike. */
  rounds: number
  /** Conversations of the 1 MB image scenario, each playing `turns` turns. */
  imageConversations: number
  /** Messages of the long-history scenario's history. */
  historyMessages: number
  /** Turns played on top of the long history. */
  historyTurns: number
  /** Session lengths of the restore scenario, in events. */
  restoreEvents: number[]
  /** Repetitions of each restore measurement. */
  restoreRepeats: number
  /** Open idle sessions per mode in the memory scenario. */
  idleSessions: number
  /** Measuring time of the emulator's own throughput benchmark, in milliseconds. */
  emulatorDurationMs: number
}

/** Every profile, by name. */
export const profiles: Record<ProfileName, Profile> = {
  smoke: {
    name: 'smoke',
    arrival: { spreadMs: 200, thinkMs: [50, 100] },
    burstConversations: 2,
    conversations: [2],
    turns: 2,
    rounds: 1,
    imageConversations: 1,
    historyMessages: 50,
    historyTurns: 1,
    restoreEvents: [10],
    restoreRepeats: 1,
    idleSessions: 5,
    emulatorDurationMs: 400,
  },
  quick: {
    name: 'quick',
    arrival: { spreadMs: 500, thinkMs: [100, 400] },
    burstConversations: 100,
    conversations: [1, 100],
    turns: 4,
    rounds: 2,
    imageConversations: 10,
    historyMessages: 1_000,
    historyTurns: 3,
    restoreEvents: [100, 1_000],
    restoreRepeats: 3,
    idleSessions: 200,
    emulatorDurationMs: 4_000,
  },
  full: {
    name: 'full',
    arrival: { spreadMs: 1_000, thinkMs: [200, 800] },
    burstConversations: 100,
    conversations: [1, 100, 1_000],
    turns: 4,
    rounds: 2,
    imageConversations: 30,
    historyMessages: 10_000,
    historyTurns: 3,
    restoreEvents: [100, 1_000, 10_000],
    restoreRepeats: 3,
    idleSessions: 1_000,
    emulatorDurationMs: 12_000,
  },
}
