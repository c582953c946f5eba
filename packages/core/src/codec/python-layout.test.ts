import type { PayloadType } from '@aws-sdk/client-bedrock-agentcore'
import { describe, expect, it } from 'vitest'
import type { MessageData } from '../message'
import { serviceEvent } from './__fixtures__/service-event'
import { decodeEvents } from './decode-events'
import { encodeAgentState } from './encode-agent-state'
import { encodeMessages } from './encode-messages'
import { pythonIsoTimestamp } from './python-layout'
import type { AgentState, EncodeOptions, OutgoingMessage } from './types'

const python: EncodeOptions = { format: 'python', agentId: 'agent-a', sessionId: 'session-1', now: 1_735_787_045_678 }

function encodeItems(messages: OutgoingMessage[]): PayloadType[] {
  return encodeMessages(messages, python).events.flatMap((event) => event.payload)
}

function envelopeOf(item: PayloadType | undefined): { message: MessageData; message_id: number } {
  const text = item?.conversational?.content?.text
  if (text !== undefined) return JSON.parse(text)
  const [envelope] = JSON.parse(item?.blob as string) as [string, string]
  return JSON.parse(envelope)
}

/** Stores items as the service returns them: one event per item list, oldest first. */
function eventsOf(...payloads: PayloadType[][]) {
  return payloads.map((payload, index) => serviceEvent(1_000 + index, payload, {}, `0000000${index}`))
}

describe('encodeMessages python layout', () => {
  it('writes the SessionMessage envelope', () => {
    const [item] = encodeItems([{ id: 'u1', message: { role: 'user', content: [{ text: 'hi' }] } }])
    expect(item).toEqual({
      conversational: {
        role: 'USER',
        content: {
          text:
            '{"message": {"role": "user", "content": [{"text": "hi"}]}, "message_id": 0, "redact_message": null, ' +
            '"created_at": "2025-01-02T03:04:05.678000+00:00", "updated_at": "2025-01-02T03:04:05.678000+00:00"}',
        },
      },
    })
  })

  it('stores tool results under USER', () => {
    const message: MessageData = {
      role: 'user',
      content: [{ toolResult: { toolUseId: 't', status: 'success', content: [{ text: 'ok' }] } }],
    }
    const [item] = encodeItems([{ id: 'r', message }])
    expect(item?.conversational?.role).toBe('USER')
  })

  it('switches to a blob at the limit', () => {
    // The envelope around a text of n ASCII characters is n + overhead long; the role "user" adds 4.
    const overhead = envelopeText('').length
    const conversationalText = 'a'.repeat(100_000 - 4 - overhead - 1)
    const blobText = 'a'.repeat(100_000 - 4 - overhead)

    const [below] = encodeItems([{ id: 'below', message: { role: 'user', content: [{ text: conversationalText }] } }])
    expect(below?.conversational?.content?.text).toHaveLength(100_000 - 4 - 1)

    const [at] = encodeItems([{ id: 'at', message: { role: 'user', content: [{ text: blobText }] } }])
    expect(at?.conversational).toBeUndefined()
    expect(typeof at?.blob).toBe('string')
    const [envelope, role] = JSON.parse(at?.blob as string) as [string, string]
    expect(role).toBe('user')
    expect(envelope).toBe(envelopeText(blobText))
  })

  it('encodes bytes with the marker', () => {
    const message: MessageData = {
      role: 'user',
      content: [
        { text: '' },
        {
          toolResult: {
            toolUseId: 't1',
            status: 'success',
            content: [{ text: 'ok' }, { image: { format: 'png', source: { bytes: new Uint8Array([1, 2, 3]) } } }],
          },
        },
      ],
    }
    const envelope = envelopeOf(encodeItems([{ id: 'img', message }])[0])
    expect(envelope.message.content).toEqual([
      {
        toolResult: {
          toolUseId: 't1',
          status: 'success',
          content: [
            { text: 'ok' },
            { image: { format: 'png', source: { bytes: { __bytes_encoded__: true, data: 'AQID' } } } },
          ],
        },
      },
    ])
  })

  it('marks base64 byte strings too', () => {
    const message: MessageData = { role: 'user', content: [{ image: { format: 'png', source: { bytes: 'AQID' } } }] }
    const envelope = envelopeOf(encodeItems([{ id: 'b64', message }])[0])
    expect(envelope.message.content).toEqual([
      { image: { format: 'png', source: { bytes: { __bytes_encoded__: true, data: 'AQID' } } } },
    ])
  })

  it('converts blocks to Python shapes', () => {
    const message: MessageData = {
      role: 'assistant',
      content: [
        { reasoning: { text: 'think', signature: 's' } },
        { citations: { citations: [{ title: 't' }], content: [{ text: 'cited' }] } },
        { cachePoint: { cacheType: 'default' } },
      ],
    }
    const envelope = envelopeOf(encodeItems([{ id: 'r', message }])[0])
    expect(envelope.message.content).toEqual([
      { reasoningContent: { reasoningText: { text: 'think', signature: 's' } } },
      { citationsContent: { citations: [{ title: 't' }], content: [{ text: 'cited' }] } },
      { cachePoint: { type: 'default' } },
    ])
  })

  it('leaves out message metadata', () => {
    const message: MessageData = { role: 'user', content: [{ text: 'hi' }], metadata: { usage: 1 } }
    const envelope = envelopeOf(encodeItems([{ id: 'm', message }])[0])
    expect(envelope.message).toEqual({ role: 'user', content: [{ text: 'hi' }] })
  })

  it('skips all-blank messages', () => {
    const result = encodeMessages(
      [
        { id: 'blank', message: { role: 'assistant', content: [{ text: '   ' }] } },
        {
          id: 'partial',
          message: {
            role: 'assistant',
            content: [{ text: '' }, { toolUse: { name: 'n', toolUseId: 'i', input: {} } }],
          },
        },
      ],
      python,
    )
    expect(result.skippedIds).toEqual(['blank'])
    expect(result.events).toHaveLength(1)
    expect(envelopeOf(result.events[0]?.payload[0]).message.content).toEqual([
      { toolUse: { name: 'n', toolUseId: 'i', input: {} } },
    ])
  })
})

describe('pythonIsoTimestamp', () => {
  it('writes microseconds', () => {
    expect(pythonIsoTimestamp(Date.UTC(2025, 0, 2, 3, 4, 5, 6))).toBe('2025-01-02T03:04:05.006000+00:00')
  })

  it('leaves out a zero fraction', () => {
    expect(pythonIsoTimestamp(Date.UTC(2025, 0, 2, 3, 4, 5))).toBe('2025-01-02T03:04:05+00:00')
  })
})

describe('decodeEvents python layout', () => {
  it('returns nothing for no events', () => {
    expect(decodeEvents([], { agentId: 'agent-a' })).toEqual({ messages: [], skipped: [] })
  })

  it('round-trips TypeScript messages', () => {
    const messages: OutgoingMessage[] = [
      { id: 'u', message: { role: 'user', content: [{ text: 'Grüße 👋' }] } },
      {
        id: 'a',
        message: {
          role: 'assistant',
          content: [
            { reasoning: { text: 'think', signature: 's' } },
            { reasoning: { redactedContent: new Uint8Array([9, 8]) } },
            { citations: { citations: [{ title: 't' }], content: [{ text: 'cited' }] } },
            { toolUse: { name: 'n', toolUseId: 'i', input: { deep: [1, 0.25, null] } } },
            { cachePoint: { cacheType: 'default', ttl: '5m' } },
          ],
        },
      },
      {
        id: 'r',
        message: {
          role: 'user',
          content: [
            {
              toolResult: {
                toolUseId: 'i',
                status: 'error',
                content: [{ document: { name: 'd', format: 'pdf', source: { bytes: new Uint8Array([0, 255]) } } }],
              },
            },
          ],
        },
      },
    ]
    const result = decodeEvents(eventsOf(encodeItems(messages)), { agentId: 'agent-a' })
    expect(result.skipped).toEqual([])
    expect(result.messages.map((decoded) => decoded.message)).toEqual(messages.map((outgoing) => outgoing.message))
  })

  it('derives ids from the event id and position', () => {
    const items = encodeItems([
      { id: 'x', message: { role: 'user', content: [{ text: 'one' }] } },
      { id: 'y', message: { role: 'assistant', content: [{ text: 'two' }] } },
    ])
    const events = eventsOf(items)
    const ids = decodeEvents(events, { agentId: 'agent-a' }).messages.map((decoded) => decoded.id)
    expect(ids).toEqual([`${events[0]?.eventId}/0`, `${events[0]?.eventId}/1`])
  })

  it('keeps order across multi-item events', () => {
    const text = (value: string): OutgoingMessage => ({
      id: value,
      message: { role: 'user', content: [{ text: value }] },
    })
    const first = encodeItems([text('1'), text('2'), text('3')])
    const second = encodeItems([text('4'), text('5')])
    const restored = decodeEvents(eventsOf(first, second), { agentId: 'agent-a' }).messages
    expect(restored.map((decoded) => (decoded.message.content[0] as { text: string }).text)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ])
  })

  it('keeps order of mixed blob and conversational items', () => {
    const big = 'b'.repeat(100_000)
    const items = encodeItems([
      { id: 's1', message: { role: 'user', content: [{ text: 'small one' }] } },
      { id: 'big', message: { role: 'assistant', content: [{ text: big }] } },
      { id: 's2', message: { role: 'user', content: [{ text: 'small two' }] } },
    ])
    expect(items.map((item) => Object.keys(item)[0])).toEqual(['conversational', 'blob', 'conversational'])
    const restored = decodeEvents(eventsOf(items), { agentId: 'agent-a' }).messages
    expect(restored.map((decoded) => (decoded.message.content[0] as { text: string }).text.slice(0, 9))).toEqual([
      'small one',
      'bbbbbbbbb',
      'small two',
    ])
  })

  it('drops blank text on read', () => {
    const envelope = (content: unknown[]) =>
      JSON.stringify({ message: { role: 'assistant', content }, message_id: 0, redact_message: null })
    const events = eventsOf(
      [{ conversational: { content: { text: envelope([{ text: '' }, { text: 'kept' }]) }, role: 'ASSISTANT' } }],
      [{ conversational: { content: { text: envelope([{ text: ' ' }]) }, role: 'ASSISTANT' } }],
      [{ blob: JSON.stringify([envelope([{ text: '\n' }, { text: 'blob kept' }]), 'assistant']) }],
    )
    const result = decodeEvents(events, { agentId: 'agent-a' })
    expect(result.messages.map((decoded) => decoded.message.content)).toEqual([
      [{ text: 'kept' }],
      [{ text: 'blob kept' }],
    ])
    expect(result.skipped).toEqual([])
  })

  it('restores redact_message instead of message', () => {
    const text = JSON.stringify({
      message: { role: 'user', content: [{ text: 'my card is 4111' }] },
      message_id: 0,
      redact_message: { role: 'user', content: [{ text: '[redacted]' }] },
    })
    const [decoded] = decodeEvents(eventsOf([{ conversational: { content: { text }, role: 'USER' } }]), {
      agentId: 'agent-a',
    }).messages
    expect(decoded?.message).toEqual({ role: 'user', content: [{ text: '[redacted]' }] })
  })

  it('reads the _type message blob', () => {
    const envelope = JSON.stringify({ message: { role: 'user', content: [{ text: 'typed' }] }, message_id: 0 })
    const events = eventsOf([
      { blob: JSON.stringify({ _type: 'message', data: [envelope, 'user'] }) },
      { blob: JSON.stringify({ _type: 'agent_state', data: {} }) },
    ])
    const result = decodeEvents(events, { agentId: 'agent-a' })
    expect(result.messages.map((decoded) => decoded.message.content)).toEqual([[{ text: 'typed' }]])
    expect(result.skipped).toEqual([])
  })

  it('passes over session markers', () => {
    const session = JSON.stringify({ session_id: 'session-1', session_type: 'AGENT' })
    const events = [
      serviceEvent(1, [{ blob: session }], { stateType: 'SESSION' }),
      serviceEvent(2, [{ blob: session }]),
    ]
    expect(decodeEvents(events, { agentId: 'agent-a' })).toEqual({ messages: [], skipped: [] })
  })
})

describe('agent state python layout', () => {
  const state: AgentState = {
    appState: { name: 'John' },
    modelState: { k: 1 },
    interruptState: { interrupts: {}, context: {}, activated: false },
    conversationManagerState: { __name__: 'SummarizingConversationManager', removed_message_count: 4 },
  }

  function parsedBlob(value: AgentState) {
    const { payload } = encodeAgentState(value, python)
    return JSON.parse(payload[0]?.blob as string)
  }

  it('writes the SessionAgent dict', () => {
    expect(parsedBlob(state)).toEqual({
      agent_id: 'agent-a',
      state: { name: 'John' },
      conversation_manager_state: { __name__: 'SummarizingConversationManager', removed_message_count: 4 },
      _internal_state: { interrupt_state: { interrupts: {}, context: {}, activated: false }, model_state: { k: 1 } },
      created_at: '2025-01-02T03:04:05.678000+00:00',
      updated_at: '2025-01-02T03:04:05.678000+00:00',
    })
  })

  it('writes a default conversation manager state', () => {
    const blob = parsedBlob({ appState: {}, modelState: {} })
    expect(blob.conversation_manager_state).toEqual({
      __name__: 'SlidingWindowConversationManager',
      removed_message_count: 0,
    })
    expect(blob._internal_state).toEqual({ model_state: {} })
  })

  it('round-trips state with bytes', () => {
    const withBytes = { appState: { doc: new Uint8Array([37, 80]) }, modelState: {} } as unknown as AgentState
    const encoded = encodeAgentState(withBytes, python)
    const event = serviceEvent(5, encoded.payload, { stateType: 'AGENT', agentId: 'agent-a' })
    const restored = decodeEvents([event], { agentId: 'agent-a' }).state?.state
    expect(restored?.appState).toEqual({ doc: new Uint8Array([37, 80]) })
    expect(restored?.conversationManagerState).toEqual({
      __name__: 'SlidingWindowConversationManager',
      removed_message_count: 0,
    })
  })

  it('reads legacy state without metadata', () => {
    const legacy = JSON.stringify({ agent_id: 'agent-a', state: { v: 1 }, conversation_manager_state: {} })
    const foreign = JSON.stringify({ agent_id: 'agent-b', state: { v: 2 }, conversation_manager_state: {} })
    const events = [serviceEvent(1, [{ blob: legacy }]), serviceEvent(2, [{ blob: foreign }])]
    const result = decodeEvents(events, { agentId: 'agent-a' })
    expect(result.state?.state).toEqual({ appState: { v: 1 }, modelState: {}, conversationManagerState: {} })
    expect(result.state?.eventId).toBe(events[0]?.eventId)
  })

  it('takes the last state of a batched event', () => {
    const first = encodeAgentState({ appState: { v: 1 }, modelState: {} }, python).payload
    const second = encodeAgentState({ appState: { v: 2 }, modelState: {} }, python).payload
    const event = serviceEvent(1, [...first, ...second], { stateType: 'AGENT', agentId: 'agent-a' })
    expect(decodeEvents([event], { agentId: 'agent-a' }).state?.state.appState).toEqual({ v: 2 })
  })
})

function envelopeText(text: string): string {
  return (
    `{"message": {"role": "user", "content": [{"text": "${text}"}]}, "message_id": 0, "redact_message": null, ` +
    '"created_at": "2025-01-02T03:04:05.678000+00:00", "updated_at": "2025-01-02T03:04:05.678000+00:00"}'
  )
}
