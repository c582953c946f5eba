import { describe, expect, it } from 'vitest'
import { type EventRow, eventFromRow, eventJsonFromRow } from './event-row'

const row: EventRow = {
  memory_id: 'm-AAAAAAAAAA',
  actor_id: 'a/"quoted"',
  session_id: 's',
  event_id: '0000001700000000123#abcdef12',
  timestamp_ms: 1_700_000_000_123,
  branch_name: 'alt',
  root_event_id: '0000001700000000000#00000000',
  payload: '[{"blob":{"x":[1,2]}}]',
  metadata: '{"k":{"stringValue":"v"}}',
  extraction_mode: null,
  extraction_config: null,
  received_at_ms: 0,
}

describe('eventJsonFromRow', () => {
  it('matches the object form', () => {
    expect(eventJsonFromRow(row, true)).toBe(JSON.stringify(eventFromRow(row, true)))
  })

  it('matches without payload and metadata', () => {
    const plain = { ...row, root_event_id: null, metadata: null }
    expect(eventJsonFromRow(plain, false)).toBe(JSON.stringify(eventFromRow(plain, false)))
  })
})
