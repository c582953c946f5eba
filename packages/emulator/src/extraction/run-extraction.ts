import type { Chaos } from '../internal/chaos'
import type { OperationContext } from '../internal/operation'

/** Extracts long-term memory records from the unprocessed events and ingested data of one memory. */
export function runExtraction(context: OperationContext, chaos: Chaos, memoryId: string, now: number): void {
  // TODO: extraction of semantic facts, preferences and summaries lands in the next change.
  void chaos
  void now
  context.db.run('UPDATE events SET extracted = 1 WHERE memory_id = ? AND extracted = 0', memoryId)
}
