import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../observability/logger'
import type { DurableEvent } from '../executor'
import { journalFileName, OutboxJournal } from './outbox-journal'
import { decodeRecord, encodeRecord } from './outbox-record'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outbox-journal-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function event(text: string, timestampMs = 1_700_000_000_000): DurableEvent {
  return {
    memoryId: 'memory-1234567890',
    actorId: 'actor',
    sessionId: 'session',
    timestampMs,
    payload: [{ conversational: { role: 'USER', content: { text } } }],
    clientToken: `token-${text}`,
  }
}

describe('outbox record', () => {
  it('round-trips a write record', () => {
    const record = {
      v: 1,
      seq: 7,
      op: 'write',
      key: 'k',
      kind: 'append',
      messageIds: ['m'],
      events: [event('a')],
    } as const
    const line = encodeRecord({ ...record, messageIds: ['m'], events: [event('a')] })
    expect(decodeRecord(line.slice(0, -1))).toEqual(record)
  })

  it('rejects a torn line', () => {
    const line = encodeRecord({ v: 1, op: 'done', ref: 3 })
    expect(decodeRecord(line.slice(0, -5))).toBeUndefined()
  })

  it('rejects a changed line', () => {
    const line = encodeRecord({ v: 1, op: 'done', ref: 3 }).slice(0, -1)
    expect(decodeRecord(line.replace('3', '4'))).toBeUndefined()
  })
})

describe('OutboxJournal', () => {
  it('recovers unsettled writes in order', async () => {
    const journal = new OutboxJournal(dir, 1024 * 1024, silentLogger)
    expect(await journal.open()).toEqual([])
    const first = await journal.append('a', 'append', ['m1'], [event('one')])
    const second = await journal.append('a', 'append', ['m2'], [event('two')])
    const third = await journal.append('b', 'state', [], [event('three')])
    journal.markDone(second)
    await journal.close()

    const reopened = new OutboxJournal(dir, 1024 * 1024, silentLogger)
    const writes = await reopened.open()
    expect(writes.map((write) => write.record.seq)).toEqual([first, third])
    expect(writes[0]?.record.events).toEqual([event('one')])
    expect(writes[1]?.record.kind).toBe('state')
    await reopened.close()
  })

  it('skips a torn last line', async () => {
    const journal = new OutboxJournal(dir, 1024 * 1024, silentLogger)
    await journal.open()
    await journal.append('a', 'append', ['m1'], [event('one')])
    await journal.close()
    const torn = encodeRecord({ v: 1, seq: 99, op: 'write', key: 'a', kind: 'append', messageIds: [], events: [] })
    await appendFile(join(dir, journalFileName), torn.slice(0, 20))

    const reopened = new OutboxJournal(dir, 1024 * 1024, silentLogger)
    const writes = await reopened.open()
    expect(writes.map((write) => write.record.messageIds)).toEqual([['m1']])
    // The rewrite at open drops the torn bytes, so later appends start on a clean line.
    const seq = await reopened.append('a', 'append', ['m2'], [event('two')])
    expect(seq).toBe(2)
    await reopened.close()
    const lines = (await readFile(join(dir, journalFileName), 'utf8')).trim().split('\n')
    expect(lines.map((line) => decodeRecord(line)?.op)).toEqual(['write', 'write'])
  })

  it('recovers nothing once all settled', async () => {
    await writeFile(join(dir, journalFileName), '')
    const journal = new OutboxJournal(dir, 1024 * 1024, silentLogger)
    await journal.open()
    const first = await journal.append('a', 'append', [], [event('x')])
    journal.markDone(first)
    await journal.close()
    const reopened = new OutboxJournal(dir, 1024 * 1024, silentLogger)
    expect(await reopened.open()).toEqual([])
    await reopened.close()
  })

  it('waits for room at the bound', async () => {
    const line = encodeRecord({
      v: 1,
      seq: 1,
      op: 'write',
      key: 'a',
      kind: 'append',
      messageIds: ['m'],
      events: [event('x')],
    })
    const journal = new OutboxJournal(dir, Buffer.byteLength(line) + 10, silentLogger)
    await journal.open()
    const first = await journal.append('a', 'append', ['m'], [event('x')])
    let secondDone = false
    const second = journal.append('a', 'append', ['m'], [event('y')]).then((seq) => {
      secondDone = true
      return seq
    })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(secondDone).toBe(false)
    journal.markDone(first)
    expect(await second).toBe(first + 1)
    await journal.close()
  })

  it('rejects a write larger than the bound', async () => {
    const journal = new OutboxJournal(dir, 100, silentLogger)
    await journal.open()
    await expect(journal.append('a', 'append', [], [event('x'.repeat(200))])).rejects.toMatchObject({
      code: 'OUTBOX_RECORD_TOO_LARGE',
    })
    await journal.close()
  })

  it('compacts settled writes', async () => {
    const journal = new OutboxJournal(dir, 64 * 1024 * 1024, silentLogger)
    await journal.open()
    const big = 'x'.repeat(64 * 1024)
    for (let index = 0; index < 40; index += 1) {
      journal.markDone(await journal.append('a', 'append', [], [event(big)]))
    }
    const live = await journal.append('a', 'append', ['kept'], [event('kept')])
    await journal.close()
    const size = (await stat(join(dir, journalFileName))).size
    // 40 settled writes of 64 KiB would take 2.5 MiB without compaction.
    expect(size).toBeLessThan(1024 * 1024 + 200 * 1024)
    const reopened = new OutboxJournal(dir, 64 * 1024 * 1024, silentLogger)
    expect((await reopened.open()).map((write) => write.record.seq)).toEqual([live])
    await reopened.close()
  })
})
