import { describe, expect, it } from 'vitest'
import { AgentCoreSessionError } from '../errors/agentcore-session-error'
import type { MessageData } from '../message'
import { encodeMessages, packEvents } from './encode-messages'
import { MAX_CONVERSATIONAL_CHARS, MAX_REQUEST_BYTES, REQUEST_ENVELOPE_BYTES } from './limits'
import { PayloadTooLargeError } from './payload-too-large-error'
import type { EncodeOptions } from './types'

const native: EncodeOptions = { format: 'native', agentId: 'agent-a', sessionId: 'session-1' }

function user(text: string): MessageData {
  return { role: 'user', content: [{ text }] }
}

describe('encodeMessages native layout', () => {
  it('writes prose then the exact message', () => {
    const { events, skippedIds } = encodeMessages([{ id: 'm1', message: user('I like espresso') }], native)
    expect(skippedIds).toEqual([])
    expect(events).toEqual([
      {
        messageIds: ['m1'],
        payload: [
          { conversational: { content: { text: 'I like espresso' }, role: 'USER' } },
          {
            blob: {
              type: 'agentcore-session/message',
              version: 1,
              id: 'm1',
              message: { role: 'user', content: [{ text: 'I like espresso' }] },
            },
          },
        ],
        payloadBytes: expect.any(Number),
      },
    ])
    expect(events[0]?.payloadBytes).toBe(
      events[0]!.payload.reduce((total, item) => total + Buffer.byteLength(JSON.stringify(item)) + 1, 0),
    )
  })

  it('uses role ASSISTANT and joins text blocks', () => {
    const message: MessageData = { role: 'assistant', content: [{ text: 'One.' }, { text: 'Two.' }] }
    const [event] = encodeMessages([{ id: 'a1', message }], native).events
    expect(event?.payload[0]).toEqual({ conversational: { content: { text: 'One.\n\nTwo.' }, role: 'ASSISTANT' } })
  })

  it('uses role TOOL for tool results', () => {
    const message: MessageData = {
      role: 'user',
      content: [{ toolResult: { toolUseId: 't1', status: 'success', content: [{ text: '21 degrees' }, { json: 1 }] } }],
    }
    const [event] = encodeMessages([{ id: 'r1', message }], native).events
    expect(event?.payload[0]).toEqual({ conversational: { content: { text: '21 degrees' }, role: 'TOOL' } })
    expect(event?.payload).toHaveLength(2)
  })

  it('writes only the blob without prose', () => {
    const message: MessageData = {
      role: 'assistant',
      content: [{ text: '' }, { toolUse: { name: 'weather', toolUseId: 't1', input: { city: 'Oslo' } } }],
    }
    const [event] = encodeMessages([{ id: 'a2', message }], native).events
    expect(event?.payload).toHaveLength(1)
    expect(event?.payload[0]?.blob).toEqual({
      type: 'agentcore-session/message',
      version: 1,
      id: 'a2',
      message: {
        role: 'assistant',
        content: [{ toolUse: { name: 'weather', toolUseId: 't1', input: { city: 'Oslo' } } }],
      },
    })
  })

  it('skips messages left empty', () => {
    const result = encodeMessages(
      [
        { id: 'blank', message: { role: 'assistant', content: [{ text: '  \n\t' }, { text: '' }] } },
        { id: 'none', message: { role: 'user', content: [] } },
        { id: 'kept', message: user('hi') },
      ],
      native,
    )
    expect(result.skippedIds).toEqual(['blank', 'none'])
    expect(result.events).toHaveLength(1)
    expect(result.events[0]?.messageIds).toEqual(['kept'])
  })

  it('returns no events for no messages', () => {
    expect(encodeMessages([], native)).toEqual({ events: [], skippedIds: [] })
  })

  it('writes bytes as base64 strings', () => {
    const message: MessageData = {
      role: 'user',
      content: [{ image: { format: 'png', source: { bytes: new Uint8Array([0, 1, 2, 255]) } } }],
    }
    const [event] = encodeMessages([{ id: 'img', message }], native).events
    const blob = event?.payload[0]?.blob as { message: { content: unknown[] } }
    expect(blob.message.content).toEqual([{ image: { format: 'png', source: { bytes: 'AAEC/w==' } } }])
  })

  it('rejects a byte field that is not base64', () => {
    const message: MessageData = {
      role: 'user',
      content: [{ image: { format: 'png', source: { bytes: 'not base64!' } } }],
    }
    let caught: unknown
    try {
      encodeMessages([{ id: 'bad-bytes', message }], native)
    } catch (error) {
      caught = error
    }
    expect(AgentCoreSessionError.isInstance(caught)).toBe(true)
    expect((caught as AgentCoreSessionError).code).toBe('INVALID_MESSAGE')
    expect((caught as Error).message).toContain("'bad-bytes'")
    expect((caught as Error).message).toContain('content[0].image.source.bytes')
  })

  it('keeps metadata in the blob', () => {
    const message: MessageData = { ...user('hi'), metadata: { custom: { traceId: 't-1' } } }
    const [event] = encodeMessages([{ id: 'meta', message }], native).events
    const blob = event?.payload[1]?.blob as unknown as { message: MessageData }
    expect(blob.message.metadata).toEqual({ custom: { traceId: 't-1' } })
  })
})

describe('encodeMessages conversational limit', () => {
  it('keeps prose of exactly the limit', () => {
    const [event] = encodeMessages([{ id: 'max', message: user('a'.repeat(MAX_CONVERSATIONAL_CHARS)) }], native).events
    expect(event?.payload).toHaveLength(2)
    expect(event?.payload[0]?.conversational?.content?.text).toHaveLength(MAX_CONVERSATIONAL_CHARS)
  })

  it('drops prose one character over the limit', () => {
    const text = 'a'.repeat(MAX_CONVERSATIONAL_CHARS + 1)
    const [event] = encodeMessages([{ id: 'over', message: user(text) }], native).events
    expect(event?.payload).toHaveLength(1)
    expect(event?.payload[0]?.blob).toBeDefined()
  })

  it('also bounds UTF-16 units', () => {
    // Each emoji is one code point and two UTF-16 units.
    const text = '😀'.repeat(MAX_CONVERSATIONAL_CHARS / 2)
    expect(text.length).toBe(MAX_CONVERSATIONAL_CHARS)
    const [event] = encodeMessages([{ id: 'emoji', message: user(text) }], native).events
    expect(event?.payload).toHaveLength(2)

    const [over] = encodeMessages([{ id: 'emoji-over', message: user(`${text}😀`) }], native).events
    expect(over?.payload).toHaveLength(1)
  })
})

describe('encodeMessages splitting', () => {
  it('splits at 100 payload items', () => {
    const messages = Array.from({ length: 120 }, (_, index) => ({ id: `m${index}`, message: user(`message ${index}`) }))
    const { events } = encodeMessages(messages, native)
    expect(events.map((event) => event.payload.length)).toEqual([100, 100, 40])
    expect(events.flatMap((event) => event.messageIds)).toEqual(messages.map((message) => message.id))
  })

  it('never splits one message across events', () => {
    const messages = [
      {
        id: 'solo',
        message: { role: 'assistant', content: [{ toolUse: { name: 't', toolUseId: 'x', input: {} } }] } as MessageData,
      },
    ]
    for (let index = 0; index < 99; index++) messages.push({ id: `m${index}`, message: user(`text ${index}`) })
    const { events } = encodeMessages(messages, native)
    // 1 item for the tool call, then 2 per text message: 49 fit beside it (99 items), the 50th starts a new event.
    expect(events[0]?.payload).toHaveLength(99)
    expect(events[0]?.messageIds).toHaveLength(50)
    expect(events[1]?.messageIds[0]).toBe('m49')
  })

  it('splits at the request-size limit', () => {
    // Each image is about 3 MB of base64, so three of them exceed the 10 MB request estimate.
    const image = new Uint8Array(2_400_000)
    const messages = ['i1', 'i2', 'i3', 'i4'].map((id) => ({
      id,
      message: { role: 'user', content: [{ image: { format: 'png', source: { bytes: image } } }] } as MessageData,
    }))
    const { events } = encodeMessages(messages, native)
    expect(events.map((event) => event.messageIds)).toEqual([['i1', 'i2', 'i3'], ['i4']])
    for (const event of events) {
      const bytes = Buffer.byteLength(JSON.stringify(event.payload))
      expect(bytes).toBeLessThanOrEqual(MAX_REQUEST_BYTES - REQUEST_ENVELOPE_BYTES)
    }
  })

  it('rejects a message larger than one request', () => {
    const message: MessageData = {
      role: 'user',
      content: [{ document: { name: 'big', format: 'pdf', source: { bytes: new Uint8Array(8_000_000) } } }],
    }
    let caught: unknown
    try {
      encodeMessages(
        [
          { id: 'small', message: user('hi') },
          { id: 'huge', message },
        ],
        native,
      )
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(PayloadTooLargeError)
    const error = caught as PayloadTooLargeError
    expect(error.code).toBe('PAYLOAD_TOO_LARGE')
    expect(error.limit).toBe('requestBytes')
    expect(error.messageId).toBe('huge')
    expect(error.actual).toBeGreaterThan(error.maximum)
    expect(error.message).toContain("'huge'")
    expect(error.message).toContain(String(error.maximum))
  })
})

describe('packEvents', () => {
  const encodeOne = (id: string, text: string) => encodeMessages([{ id, message: user(text) }], native).events

  it('packs messages encoded one by one as encodeMessages does', () => {
    const messages = Array.from({ length: 120 }, (_, index) => ({ id: `m${index}`, message: user(`text ${index}`) }))
    const separate = messages.flatMap((entry) => encodeOne(entry.id, `text ${entry.id.slice(1)}`))
    expect(packEvents(separate)).toEqual(encodeMessages(messages, native).events)
  })

  it('starts a new event at 100 payload items', () => {
    const events = packEvents(Array.from({ length: 51 }, (_, index) => encodeOne(`m${index}`, 'hi')).flat())
    expect(events.map((event) => event.payload.length)).toEqual([100, 2])
    expect(events[1]?.messageIds).toEqual(['m50'])
  })

  it('starts a new event at the request-size budget', () => {
    const large = { payload: [{ blob: 'x' }], messageIds: ['a'], payloadBytes: 6_000_000 }
    const events = packEvents([large, { ...large, messageIds: ['b'] }])
    expect(events.map((event) => event.messageIds)).toEqual([['a'], ['b']])
  })

  it('leaves its input unchanged', () => {
    const input = [...encodeOne('a', 'one'), ...encodeOne('b', 'two')]
    const copy = structuredClone(input)
    packEvents(input)
    expect(input).toEqual(copy)
  })
})
