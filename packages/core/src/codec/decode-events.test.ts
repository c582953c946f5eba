import { describe, expect, it } from 'vitest'
import type { MessageData } from '../message'
import { serviceEvent } from './__fixtures__/service-event'
import { decodeEvents } from './decode-events'
import { encodeAgentState } from './encode-agent-state'
import { encodeMessages } from './encode-messages'
import type { AgentState, EncodeOptions, OutgoingMessage } from './types'

const options: EncodeOptions = { format: 'native', agentId: 'agent-a', sessionId: 'session-1' }

/** Encodes messages and wraps each encoded event as the service returns it, oldest first. */
function stored(messages: OutgoingMessage[], encode: EncodeOptions = options, start = 1_735_787_045_000) {
  return encodeMessages(messages, encode).events.map((event, index) =>
    serviceEvent(start + index, event.payload, { agentId: encode.agentId }, index.toString(16).padStart(8, '0')),
  )
}

describe('decodeEvents native layout', () => {
  it('round-trips messages with their ids', () => {
    const messages: OutgoingMessage[] = [
      { id: 'u1', message: { role: 'user', content: [{ text: 'What is the weather in Oslo?' }] } },
      {
        id: 'a1',
        message: {
          role: 'assistant',
          content: [
            { reasoning: { text: 'Call the tool.', signature: 'sig' } },
            { toolUse: { name: 'weather', toolUseId: 't1', input: { city: 'Oslo' } } },
          ],
        },
      },
      {
        id: 'r1',
        message: {
          role: 'user',
          content: [{ toolResult: { toolUseId: 't1', status: 'success', content: [{ json: { celsius: 21 } }] } }],
        },
      },
      { id: 'a2', message: { role: 'assistant', content: [{ text: 'It is 21 degrees.' }], metadata: { usage: 1 } } },
    ]
    const events = stored(messages)
    const result = decodeEvents(events, { agentId: 'agent-a' })

    expect(result.skipped).toEqual([])
    expect(result.messages.map((decoded) => decoded.id)).toEqual(['u1', 'a1', 'r1', 'a2'])
    expect(result.messages.map((decoded) => decoded.message)).toEqual(messages.map((outgoing) => outgoing.message))
    expect(result.messages[0]?.eventId).toBe(events[0]?.eventId)
    expect(result.messages[0]?.timestamp).toBe(1_735_787_045_000)
    expect(result.state).toBeUndefined()
  })

  it('restores bytes as Uint8Array', () => {
    const png = new Uint8Array([137, 80, 78, 71, 0, 255])
    const redacted = new Uint8Array([1, 2, 3])
    const messages: OutgoingMessage[] = [
      {
        id: 'bytes',
        message: {
          role: 'assistant',
          content: [
            { image: { format: 'png', source: { bytes: png } } },
            { reasoning: { redactedContent: redacted } },
            { guardContent: { image: { format: 'png', source: { bytes: png } } } },
          ],
        },
      },
    ]
    const [decoded] = decodeEvents(stored(messages), { agentId: 'agent-a' }).messages
    const content = decoded?.message.content ?? []
    const image = content[0] as { image: { source: { bytes: unknown } } }
    expect(image.image.source.bytes).toBeInstanceOf(Uint8Array)
    expect(image.image.source.bytes).toEqual(png)
    expect((content[1] as { reasoning: { redactedContent: unknown } }).reasoning.redactedContent).toEqual(redacted)
    expect(content[2]).toEqual({ guardContent: { image: { format: 'png', source: { bytes: png } } } })
  })

  it('accepts base64 strings on write', () => {
    const message: MessageData = {
      role: 'user',
      content: [{ document: { name: 'doc', format: 'txt', source: { bytes: 'aGVsbG8=' } } }],
    }
    const [decoded] = decodeEvents(stored([{ id: 'b64', message }]), { agentId: 'agent-a' }).messages
    const document = decoded?.message.content[0] as { document: { source: { bytes: unknown } } }
    expect(document.document.source.bytes).toEqual(new Uint8Array(Buffer.from('hello')))
  })

  it('keeps batched messages in order', () => {
    const messages = Array.from({ length: 5 }, (_, index) => ({
      id: `m${index}`,
      message: { role: index % 2 === 0 ? 'user' : 'assistant', content: [{ text: `turn ${index}` }] } as MessageData,
    }))
    const events = stored(messages)
    expect(events).toHaveLength(1)
    expect(decodeEvents(events, { agentId: 'agent-a' }).messages.map((decoded) => decoded.id)).toEqual([
      'm0',
      'm1',
      'm2',
      'm3',
      'm4',
    ])
  })

  it('drops blank text blocks on read', () => {
    const event = serviceEvent(1000, [
      {
        blob: {
          type: 'agentcore-session/message',
          version: 1,
          id: 'x',
          message: { role: 'user', content: [{ text: ' ' }, { text: 'kept' }] },
        },
      },
      {
        blob: {
          type: 'agentcore-session/message',
          version: 1,
          id: 'y',
          message: { role: 'user', content: [{ text: '' }] },
        },
      },
    ])
    const result = decodeEvents([event], { agentId: 'agent-a' })
    expect(result.messages.map((decoded) => decoded.message)).toEqual([{ role: 'user', content: [{ text: 'kept' }] }])
    expect(result.skipped).toEqual([])
  })
})

describe('decodeEvents agent scope', () => {
  it('leaves out other agents', () => {
    const mine = stored([{ id: 'mine', message: { role: 'user', content: [{ text: 'a' }] } }])
    const theirs = stored(
      [{ id: 'theirs', message: { role: 'user', content: [{ text: 'b' }] } }],
      { ...options, agentId: 'agent-b' },
      2_000_000_000_000,
    )
    const untagged = serviceEvent(2_100_000_000_000, [
      { conversational: { content: { text: 'older data' }, role: 'USER' } },
    ])
    const result = decodeEvents([...mine, ...theirs, untagged], { agentId: 'agent-a' })
    expect(result.messages.map((decoded) => decoded.message.content)).toEqual([
      [{ text: 'a' }],
      [{ text: 'older data' }],
    ])

    const other = decodeEvents([...mine, ...theirs, untagged], { agentId: 'agent-b' })
    expect(other.messages.map((decoded) => decoded.message.content)).toEqual([
      [{ text: 'b' }],
      [{ text: 'older data' }],
    ])
  })
})

describe('decodeEvents agent state', () => {
  const state: AgentState = {
    appState: { name: 'John', nested: { count: 2 } },
    modelState: { cacheKey: 'k' },
    interruptState: { interrupts: {}, activated: false },
    conversationManagerState: { removedMessageCount: 3 },
  }

  function stateEvent(value: AgentState, agentId: string, timestamp: number) {
    const encoded = encodeAgentState(value, { ...options, agentId })
    const metadata = Object.fromEntries(Object.entries(encoded.metadata).map(([key, item]) => [key, item.stringValue]))
    return serviceEvent(timestamp, encoded.payload, metadata)
  }

  it('marks the event with stateType and agentId', () => {
    const encoded = encodeAgentState(state, options)
    expect(encoded.metadata).toEqual({ stateType: { stringValue: 'AGENT' }, agentId: { stringValue: 'agent-a' } })
    expect(encoded.payload).toHaveLength(1)
  })

  it('restores the newest state of the agent', () => {
    const older = stateEvent({ appState: { v: 1 }, modelState: {} }, 'agent-a', 1000)
    const newer = stateEvent(state, 'agent-a', 2000)
    const foreign = stateEvent({ appState: { v: 3 }, modelState: {} }, 'agent-b', 3000)
    const result = decodeEvents([older, newer, foreign], { agentId: 'agent-a' })
    expect(result.state).toEqual({ state, eventId: newer.eventId, timestamp: 2000 })
    expect(result.messages).toEqual([])
    expect(result.skipped).toEqual([])
  })

  it('round-trips bytes in state', () => {
    const pdf = new Uint8Array([37, 80, 68, 70])
    const withBytes = { appState: { doc: pdf }, modelState: {} } as unknown as AgentState
    const result = decodeEvents([stateEvent(withBytes, 'agent-a', 1000)], { agentId: 'agent-a' })
    const appState = result.state?.state.appState as unknown as { doc: Uint8Array } | undefined
    expect(appState?.doc).toEqual(pdf)
  })
})

describe('decodeEvents blob strings', () => {
  it('reads native blobs stored as strings', () => {
    const { events } = encodeMessages(
      [{ id: 's1', message: { role: 'user', content: [{ text: 'as string' }] } }],
      options,
    )
    const payload = (events[0]?.payload ?? []).map((item) =>
      item.blob === undefined ? item : { blob: JSON.stringify(item.blob) },
    )
    const result = decodeEvents([serviceEvent(1, payload)], { agentId: 'agent-a' })
    expect(result.messages.map((decoded) => decoded.id)).toEqual(['s1'])
    expect(result.skipped).toEqual([])
  })
})
