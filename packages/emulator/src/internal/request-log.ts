import type { RequestLogEntry } from '../options'

/** Bounded in-memory log of completed requests plus unbounded per-operation counts. */
export class RequestLog {
  private entries: RequestLogEntry[] = []
  private counts = new Map<string, number>()

  constructor(private readonly limit: number) {}

  /** Counts a request as soon as it is routed, so counts include requests still in flight. */
  count(operation: string): void {
    this.counts.set(operation, (this.counts.get(operation) ?? 0) + 1)
  }

  /** Appends an entry, dropping the oldest beyond the limit. */
  append(entry: RequestLogEntry): void {
    this.entries.push(entry)
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit)
  }

  /** Returns the counts per operation name. */
  snapshotCounts(): Record<string, number> {
    return Object.fromEntries(this.counts)
  }

  /** Returns a copy of the entries, oldest first. */
  snapshotEntries(): RequestLogEntry[] {
    return this.entries.map((entry) => ({ ...entry }))
  }

  /** Clears entries and counts. */
  clear(): void {
    this.entries = []
    this.counts = new Map()
  }
}
