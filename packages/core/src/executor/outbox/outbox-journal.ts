import { type FileHandle, mkdir, open, readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { AgentCoreSessionError } from '../../errors/agentcore-session-error'
import type { Logger } from '../../observability/logger'
import type { DurableEvent } from '../executor'
import { decodeRecord, encodeRecord, type OutboxWriteRecord } from './outbox-record'

/** Name of the journal file inside the outbox directory. */
export const journalFileName = 'outbox.jsonl'

/** Journal size above which settled records are compacted away, when they outweigh the live ones. */
const compactionFloorBytes = 1024 * 1024

/** A live write found in the journal at open, with the size of its line. */
export interface RecoveredWrite {
  /** The journaled write. */
  record: OutboxWriteRecord
  /** Length of its journal line in bytes. */
  bytes: number
}

interface PendingLine {
  line: string
  resolve: () => void
  reject: (error: unknown) => void
}

/**
 * Append-only journal of accepted writes in one directory. Appends that
 * arrive while a write is in progress share one `write` and one `fsync`
 * (group commit), and each append resolves only after its line is on disk.
 * Settled writes are marked with a `done` line. The file is rewritten with
 * the live writes only when it passes 1 MiB and settled lines make up more
 * than half of it, and always at open.
 *
 * NOTE: only one process may use a directory at a time; nothing locks it.
 */
export class OutboxJournal {
  readonly #path: string
  readonly #dir: string
  readonly #maxBytes: number
  readonly #logger: Logger
  /** Journal lines of live writes, by sequence number, in append order. */
  readonly #live = new Map<number, string>()
  readonly #pending: PendingLine[] = []
  readonly #capacityWaiters: { bytes: number; resolve: () => void }[] = []
  #handle: FileHandle | undefined
  #fileBytes = 0
  #liveBytes = 0
  #reservedBytes = 0
  #nextSeq = 1
  #writing = false

  constructor(dir: string, maxBytes: number, logger: Logger) {
    this.#dir = dir
    this.#path = join(dir, journalFileName)
    this.#maxBytes = maxBytes
    this.#logger = logger
  }

  /**
   * Reads the journal, skipping a torn or damaged line, rewrites it with the
   * live writes only, and returns those in append order.
   */
  async open(): Promise<RecoveredWrite[]> {
    await mkdir(this.#dir, { recursive: true })
    let text = ''
    try {
      text = await readFile(this.#path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw error
      }
    }
    const writes = new Map<number, RecoveredWrite>()
    let damaged = 0
    for (const line of text.split('\n')) {
      if (line === '') {
        continue
      }
      const record = decodeRecord(line)
      if (record === undefined) {
        damaged += 1
      } else if (record.op === 'write') {
        writes.set(record.seq, { record, bytes: Buffer.byteLength(line) + 1 })
        this.#nextSeq = Math.max(this.#nextSeq, record.seq + 1)
      } else {
        writes.delete(record.ref)
      }
    }
    if (damaged > 0) {
      // A crash during an append leaves a torn last line, whose write was never acknowledged.
      this.#logger.warn({ path: this.#path, lines: damaged }, 'Skipped damaged outbox journal lines')
    }
    const recovered = [...writes.values()].sort((a, b) => a.record.seq - b.record.seq)
    for (const write of recovered) {
      const line = encodeRecord(write.record)
      this.#live.set(write.record.seq, line)
      this.#liveBytes += Buffer.byteLength(line)
    }
    await this.#rewrite()
    return recovered
  }

  /**
   * Appends a write and resolves with its sequence number once its line is
   * on disk. While the live lines and the reserved ones would pass the
   * bound, it waits for settled writes to free room. Rejects with
   * `OUTBOX_RECORD_TOO_LARGE` for a write that can never fit.
   */
  async append(
    key: string,
    kind: 'append' | 'state',
    messageIds: readonly string[],
    events: readonly DurableEvent[],
  ): Promise<number> {
    const seq = this.#nextSeq
    this.#nextSeq += 1
    const line = encodeRecord({ v: 1, seq, op: 'write', key, kind, messageIds: [...messageIds], events: [...events] })
    const bytes = Buffer.byteLength(line)
    await this.#reserve(bytes)
    this.#reservedBytes -= bytes
    this.#live.set(seq, line)
    this.#liveBytes += bytes
    try {
      await this.#enqueue(line)
    } catch (error) {
      this.#forget(seq)
      throw error
    }
    return seq
  }

  /** Returns the bytes of live journal lines. */
  get liveBytes(): number {
    return this.#liveBytes
  }

  async #reserve(bytes: number): Promise<void> {
    if (bytes > this.#maxBytes) {
      throw new AgentCoreSessionError(
        'OUTBOX_RECORD_TOO_LARGE',
        `A write of ${bytes} journal bytes does not fit in the outbox bound maxOutboxBytes=${this.#maxBytes}. Raise maxOutboxBytes.`,
      )
    }
    if (this.#capacityWaiters.length === 0 && this.#used() + bytes <= this.#maxBytes) {
      this.#reservedBytes += bytes
      return
    }
    this.#logger.debug({ liveBytes: this.#liveBytes, bytes }, 'Write waits for outbox room')
    await new Promise<void>((resolve) => this.#capacityWaiters.push({ bytes, resolve }))
  }

  /** Marks a write as settled. The marker is not synced on its own: losing it only causes a deduplicated replay. */
  markDone(seq: number): void {
    if (!this.#forget(seq)) {
      return
    }
    this.#enqueue(encodeRecord({ v: 1, op: 'done', ref: seq })).catch((error: unknown) => {
      this.#logger.warn({ path: this.#path, error: errorName(error) }, 'Writing an outbox done marker failed')
    })
  }

  /** Waits for pending lines, then closes the file. */
  async close(): Promise<void> {
    await this.#enqueue('')
    await this.#handle?.close()
    this.#handle = undefined
  }

  #used(): number {
    return this.#liveBytes + this.#reservedBytes
  }

  #forget(seq: number): boolean {
    const line = this.#live.get(seq)
    if (line === undefined) {
      return false
    }
    this.#live.delete(seq)
    this.#liveBytes -= Buffer.byteLength(line)
    while (this.#capacityWaiters.length > 0) {
      const next = this.#capacityWaiters[0]!
      if (this.#used() > 0 && this.#used() + next.bytes > this.#maxBytes) {
        break
      }
      this.#capacityWaiters.shift()
      this.#reservedBytes += next.bytes
      next.resolve()
    }
    return true
  }

  #enqueue(line: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ line, resolve, reject })
      if (!this.#writing) {
        void this.#drain()
      }
    })
  }

  async #drain(): Promise<void> {
    this.#writing = true
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0)
      try {
        const text = batch.map((entry) => entry.line).join('')
        if (text !== '') {
          const handle = this.#handle ?? (await this.#reopen())
          await handle.write(text)
          await handle.datasync()
          this.#fileBytes += Buffer.byteLength(text)
        }
        for (const entry of batch) {
          entry.resolve()
        }
      } catch (error) {
        for (const entry of batch) {
          entry.reject(error)
        }
      }
      if (this.#fileBytes > compactionFloorBytes && this.#fileBytes > 2 * this.#liveBytes) {
        await this.#rewrite().catch((error: unknown) => {
          this.#logger.warn({ path: this.#path, error: errorName(error) }, 'Compacting the outbox journal failed')
        })
      }
    }
    this.#writing = false
  }

  /** Replaces the file with the live lines: write a temporary file, sync it, rename it over the journal, sync the directory. */
  async #rewrite(): Promise<void> {
    const temporary = `${this.#path}.tmp`
    const text = [...this.#live.values()].join('')
    const handle = await open(temporary, 'w')
    try {
      await handle.write(text)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await this.#handle?.close()
    this.#handle = undefined
    await rename(temporary, this.#path)
    await syncDirectory(this.#dir)
    this.#fileBytes = Buffer.byteLength(text)
    this.#handle = await open(this.#path, 'a')
  }

  async #reopen(): Promise<FileHandle> {
    this.#handle = await open(this.#path, 'a')
    return this.#handle
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } catch {
    // NOTE: some platforms (Windows) cannot sync a directory; the rename is still atomic there.
  } finally {
    await handle.close()
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error
}
