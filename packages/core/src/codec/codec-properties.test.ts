import type { Event } from '@aws-sdk/client-bedrock-agentcore'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { JsonValue } from '../json'
import type { ContentBlockData, MessageData } from '../message'
import { serviceEvent } from './__fixtures__/service-event'
import { decodeEvents } from './decode-events'
import { encodeMessages } from './encode-messages'
import type { StorageFormat } from './types'

/** JSON as it comes back from storage: JSON.stringify turns -0 into 0. */
const json = fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.parse(JSON.stringify(value)) as JsonValue)
const bytes = fc.uint8Array({ maxLength: 64 })

const block: fc.Arbitrary<ContentBlockData> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }).map((text) => ({ text })),
  fc
    .record({ name: fc.string({ minLength: 1 }), toolUseId: fc.string({ minLength: 1 }), input: json })
    .map((toolUse) => ({ toolUse })),
  fc
    .record({
      toolUseId: fc.string({ minLength: 1 }),
      status: fc.constantFrom('success' as const, 'error' as const),
      text: fc.string(),
    })
    .map(({ toolUseId, status, text }) => ({
      toolResult: { toolUseId, status, content: [{ text }, { json: { text } }] },
    })),
  fc
    .record({ format: fc.constantFrom('png', 'jpeg'), bytes })
    .map(({ format, bytes }) => ({ image: { format, source: { bytes } } })),
  fc.record({ text: fc.string(), signature: fc.string() }).map((reasoning) => ({ reasoning })),
  bytes.map((redactedContent) => ({ reasoning: { redactedContent } })),
)

const message: fc.Arbitrary<MessageData> = fc.record({
  role: fc.constantFrom('user' as const, 'assistant' as const),
  content: fc.array(block, { maxLength: 5 }),
})

/** Returns the message as the codec restores it, without blank text blocks. */
function expectedAfterRoundTrip(value: MessageData): MessageData {
  return { ...value, content: value.content.filter((item) => !('text' in item) || item.text.trim() !== '') }
}

function roundTrip(messages: MessageData[], format: StorageFormat) {
  const outgoing = messages.map((value, index) => ({ id: `m${index}`, message: value }))
  const { events, skippedIds } = encodeMessages(outgoing, { format, agentId: 'a', sessionId: 's' })
  const stored = events.map((event, index) => serviceEvent(1_000 + index, event.payload, { agentId: 'a' }))
  return { skippedIds, decoded: decodeEvents(stored, { agentId: 'a' }) }
}

describe('codec properties', () => {
  for (const format of ['native', 'python'] as const) {
    it(`round-trips any message (${format})`, () => {
      fc.assert(
        fc.property(fc.array(message, { maxLength: 6 }), (messages) => {
          const { skippedIds, decoded } = roundTrip(messages, format)
          const restorable = messages.map(expectedAfterRoundTrip).filter((value) => value.content.length > 0)
          expect(decoded.skipped).toEqual([])
          expect(decoded.messages.map((item) => item.message)).toEqual(restorable)
          expect(skippedIds).toHaveLength(messages.length - restorable.length)
        }),
        { numRuns: 150 },
      )
    })
  }

  it('never throws on arbitrary payloads', () => {
    const item = fc.oneof(
      fc.record({
        blob: fc.oneof(
          json,
          fc.string(),
          json.map((value) => JSON.stringify(value)),
        ),
      }),
      fc.record({
        conversational: fc.record({
          content: fc.record({ text: fc.string() }),
          role: fc.constantFrom('USER', 'ASSISTANT', 'TOOL', 'OTHER', 'X'),
        }),
      }),
      fc.record({ json: fc.record({ content: json }) }),
      json,
    )
    fc.assert(
      fc.property(fc.array(fc.array(item, { maxLength: 4 }), { maxLength: 4 }), (payloads) => {
        const events = payloads.map((payload, index) => serviceEvent(index + 1, payload as Event['payload'] & object))
        expect(() => decodeEvents(events, { agentId: 'a' })).not.toThrow()
      }),
      { numRuns: 300 },
    )
  })
})
