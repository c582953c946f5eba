import type { StorageFormat } from '../codec'
import type { Logger } from '../observability/logger'
import type { MemoryClient } from './memory-client'
import type { MonotonicTimestamps } from './monotonic-timestamps'
import type { NewestStateTracker } from './newest-state-tracker'
import type { PersistedIndex } from './persisted-index'

/** State that a session shares with its write tasks. */
export interface WriteContext {
  client: MemoryClient
  memoryId: string
  actorId: string
  sessionId: string
  agentId: string
  storageFormat: StorageFormat
  /** The executor queue of this session. */
  queueKey: string
  timestamps: MonotonicTimestamps
  index: PersistedIndex
  /** The agent's newest agent-state event, as written to the `stateEventId` metadata of message events. */
  newestState: NewestStateTracker
  logger: Logger
  /** Resolves once timestamps are seeded from the newest stored event, or seeding gave up. */
  ensureSeeded(): Promise<void>
}
