import { readdirSync, readFileSync } from 'node:fs'
import type { Event, PayloadType } from '@aws-sdk/client-bedrock-agentcore'
import { describe, expect, it } from 'vitest'
import { decodeEvents } from './decode-events'
import { encodeAgentState } from './encode-agent-state'
import { encodeMessages } from './encode-messages'
import type { AgentState, OutgoingMessage, StorageFormat } from './types'

/**
 * A test vector in `__fixtures__`: events as the service returns them on the wire (timestamps in epoch seconds),
 * what `decodeEvents` returns for them, and optionally the input that encodes to some of them. Bytes in inputs and
 * expectations are written as `{"$bytes": "<base64>"}`.
 */
interface Vector {
  description: string
  agentId: string
  format?: StorageFormat
  now?: number
  input?: OutgoingMessage[]
  inputState?: AgentState
  events: (Omit<Event, 'eventTimestamp'> & { eventTimestamp?: number })[]
  encodedFrom?: string[]
  stateEncodedFrom?: string
  expected: ReturnType<typeof decodeEvents> & { skippedIds?: string[] }
}

const fixtures = new URL('./__fixtures__/', import.meta.url)
const vectorFiles = readdirSync(fixtures).filter((name) => name.endsWith('.json'))

function loadVector(name: string): Vector {
  const text = readFileSync(new URL(name, fixtures), 'utf8')
  return JSON.parse(text, (_key, value: unknown) => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const keys = Object.keys(value)
      const encoded = (value as { $bytes?: unknown }).$bytes
      if (keys.length === 1 && typeof encoded === 'string') return new Uint8Array(Buffer.from(encoded, 'base64'))
    }
    return value
  }) as Vector
}

/** Converts a wire event to the shape the AWS SDK returns: `eventTimestamp` becomes a Date. */
function toSdkEvent(event: Vector['events'][number]): Event {
  const { eventTimestamp, ...rest } = event
  return eventTimestamp === undefined ? (rest as Event) : { ...rest, eventTimestamp: new Date(eventTimestamp * 1000) }
}

function payloadOf(vector: Vector, eventIds: string[]): PayloadType[] {
  return eventIds.flatMap((eventId) => vector.events.find((event) => event.eventId === eventId)?.payload ?? [])
}

describe('codec test vectors', () => {
  it('finds every layout', () => {
    expect(vectorFiles.sort()).toEqual(['malformed.json', 'native.json', 'plain.json', 'python.json'])
  })

  for (const name of vectorFiles) {
    const vector = loadVector(name)

    describe(name, () => {
      it('decodes to the expected messages', () => {
        const result = decodeEvents(vector.events.map(toSdkEvent), { agentId: vector.agentId })
        expect(result.messages).toEqual(vector.expected.messages)
        expect(result.skipped).toEqual(vector.expected.skipped)
      })

      it('decodes to the expected state', () => {
        const result = decodeEvents(vector.events.map(toSdkEvent), { agentId: vector.agentId })
        expect(result.state).toEqual(vector.expected.state)
      })

      const { input, encodedFrom, format } = vector
      if (input !== undefined && encodedFrom !== undefined && format !== undefined) {
        it('encodes the input to the stored payloads', () => {
          const options = {
            format,
            agentId: vector.agentId,
            sessionId: 'session-1',
            ...(vector.now === undefined ? {} : { now: vector.now }),
          }
          const encoded = encodeMessages(input, options)
          expect(encoded.skippedIds).toEqual(vector.expected.skippedIds ?? [])
          // Compare serialised JSON so that strings are checked byte for byte and key order counts.
          expect(JSON.stringify(encoded.events.flatMap((event) => event.payload))).toBe(
            JSON.stringify(payloadOf(vector, encodedFrom)),
          )
        })
      }

      const { inputState, stateEncodedFrom } = vector
      if (inputState !== undefined && stateEncodedFrom !== undefined && format !== undefined) {
        it('encodes the state to the stored blob', () => {
          const options = {
            format,
            agentId: vector.agentId,
            sessionId: 'session-1',
            ...(vector.now === undefined ? {} : { now: vector.now }),
          }
          const encoded = encodeAgentState(inputState, options)
          expect(JSON.stringify(encoded.payload)).toBe(JSON.stringify(payloadOf(vector, [stateEncodedFrom])))
        })
      }
    })
  }
})
