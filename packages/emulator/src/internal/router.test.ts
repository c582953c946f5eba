import { describe, expect, it } from 'vitest'
import { MalformedLabelError, matchRoute } from './router'

describe('matchRoute', () => {
  it('decodes labels after splitting the path', () => {
    const match = matchRoute('GET', '/memories/m-AAAAAAAAAA/actor/a%2Fb%3Ac/sessions/s1/events/0000001%23abcd')
    expect(match).toEqual({
      operation: 'GetEvent',
      labels: { memoryId: 'm-AAAAAAAAAA', actorId: 'a/b:c', sessionId: 's1', eventId: '0000001#abcd' },
    })
  })

  it('tells list, batch and delete record routes apart', () => {
    expect(matchRoute('POST', '/memories/m/memoryRecords')?.operation).toBe('ListMemoryRecords')
    expect(matchRoute('POST', '/memories/m/memoryRecords/batchCreate')?.operation).toBe('BatchCreateMemoryRecords')
    expect(matchRoute('DELETE', '/memories/m/memoryRecords/mem-1')?.operation).toBe('DeleteMemoryRecord')
    expect(matchRoute('GET', '/memories/m/memoryRecord/mem-1')?.operation).toBe('GetMemoryRecord')
  })

  it('tells sessions from events routes apart', () => {
    expect(matchRoute('POST', '/memories/m/actor/a/sessions')?.operation).toBe('ListSessions')
    expect(matchRoute('POST', '/memories/m/actor/a/sessions/s')?.operation).toBe('ListEvents')
    expect(matchRoute('POST', '/memories/m/extractionJobs')?.operation).toBe('ListMemoryExtractionJobs')
    expect(matchRoute('POST', '/memories/m/extractionJobs/start')?.operation).toBe('StartMemoryExtractionJob')
  })

  it('prefers control-plane literals over labels', () => {
    expect(matchRoute('POST', '/memories/create')?.operation).toBe('CreateMemory')
    expect(matchRoute('POST', '/memories/')?.operation).toBe('ListMemories')
    expect(matchRoute('GET', '/memories/m/details')?.operation).toBe('GetMemory')
  })

  it('skips an endpoint path prefix', () => {
    expect(matchRoute('POST', '/base/path/memories/m/events')?.labels).toEqual({ memoryId: 'm' })
  })

  it('keeps an empty label for validation', () => {
    expect(matchRoute('GET', '/memories/m/actor/a/sessions/s/events/')?.labels.eventId).toBe('')
  })

  it('returns undefined for unknown routes and methods', () => {
    expect(matchRoute('GET', '/memories/m/events')).toBeUndefined()
    expect(matchRoute('POST', '/other')).toBeUndefined()
  })

  it('rejects broken percent-encoding', () => {
    expect(() => matchRoute('POST', '/memories/%E0%A4%A/events')).toThrow(MalformedLabelError)
  })
})
