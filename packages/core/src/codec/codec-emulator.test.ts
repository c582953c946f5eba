import { type Emulator, startEmulator } from '@agentcore-session/emulator'
import {
  BedrockAgentCoreClient,
  CreateEventCommand,
  type Event,
  paginateListEvents,
} from '@aws-sdk/client-bedrock-agentcore'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MessageData } from '../message'
import { decodeEvents } from './decode-events'
import { encodeAgentState } from './encode-agent-state'
import { encodeMessages } from './encode-messages'
import type { AgentState, OutgoingMessage, StorageFormat } from './types'

// Round trips through the emulator over HTTP with the real AWS SDK client, so the payloads pass the emulator's copy of
// the service's validation and the SDK's document serialisation, not only the codec's own reader.

let emulator: Emulator
let client: BedrockAgentCoreClient
let memoryId: string
let sessionCount = 0
let clock = 1_735_787_045_000

beforeAll(async () => {
  emulator = await startEmulator()
  client = new BedrockAgentCoreClient(emulator.clientConfig({ maxAttempts: 1 }))
  memoryId = await emulator.createMemory({ name: 'codec' })
})

afterAll(async () => {
  client?.destroy()
  await emulator?.close()
})

async function write(sessionId: string, payload: Event['payload'], metadata: Record<string, { stringValue: string }>) {
  clock += 1
  await client.send(
    new CreateEventCommand({
      memoryId,
      actorId: 'user-1',
      sessionId,
      eventTimestamp: new Date(clock),
      payload,
      metadata,
    }),
  )
}

/** Lists every event of the session, oldest first, as restore does. */
async function readAll(sessionId: string): Promise<Event[]> {
  const events: Event[] = []
  const pages = paginateListEvents(
    { client, pageSize: 100 },
    { memoryId, actorId: 'user-1', sessionId, includePayloads: true },
  )
  for await (const page of pages) events.push(...(page.events ?? []))
  return events.reverse()
}

async function roundTrip(format: StorageFormat, messages: OutgoingMessage[], state: AgentState) {
  sessionCount += 1
  const sessionId = `${format}-session-${sessionCount}`
  const options = { format, agentId: 'agent-a', sessionId }

  for (const event of encodeMessages(messages, options).events) {
    await write(sessionId, event.payload, { agentId: { stringValue: 'agent-a' } })
  }
  const encodedState = encodeAgentState(state, options)
  await write(sessionId, encodedState.payload, encodedState.metadata)

  return decodeEvents(await readAll(sessionId), { agentId: 'agent-a' })
}

const conversation: OutgoingMessage[] = [
  { id: 'u1', message: { role: 'user', content: [{ text: 'Describe this picture, bitte. 🖼️' }] } },
  {
    id: 'u2',
    message: {
      role: 'user',
      content: [{ image: { format: 'png', source: { bytes: new Uint8Array([137, 80, 78, 71, 0, 255]) } } }],
    },
  },
  {
    id: 'a1',
    message: {
      role: 'assistant',
      content: [
        { reasoning: { text: 'Look at it.', signature: 'sig' } },
        { toolUse: { name: 'inspect', toolUseId: 't1', input: { zoom: 2.5 } } },
      ],
    },
  },
  {
    id: 'r1',
    message: {
      role: 'user',
      content: [
        { toolResult: { toolUseId: 't1', status: 'success', content: [{ text: 'A cat.' }, { json: { n: 1 } }] } },
      ],
    },
  },
  { id: 'a2', message: { role: 'assistant', content: [{ text: 'It is a cat.' }, { text: 'x'.repeat(100_001) }] } },
]

const agentState: AgentState = {
  appState: { name: 'Ana' },
  modelState: {},
  conversationManagerState: { __name__: 'SlidingWindowConversationManager', removed_message_count: 0 },
}

describe('codec through the emulator', () => {
  it('round-trips the native layout', async () => {
    const result = await roundTrip('native', conversation, agentState)
    expect(result.skipped).toEqual([])
    expect(result.messages.map((decoded) => decoded.id)).toEqual(['u1', 'u2', 'a1', 'r1', 'a2'])
    expect(result.messages.map((decoded) => decoded.message)).toEqual(conversation.map((outgoing) => outgoing.message))
    expect(result.state?.state).toEqual(agentState)
  })

  it('round-trips the python layout', async () => {
    const result = await roundTrip('python', conversation, agentState)
    expect(result.skipped).toEqual([])
    expect(result.messages).toHaveLength(conversation.length)
    expect(result.messages.map((decoded) => decoded.message)).toEqual(conversation.map((outgoing) => outgoing.message))
    expect(result.state?.state).toEqual(agentState)
  })

  it('writes split events the emulator accepts', async () => {
    // 60 messages of two items each: 50 fill one event's 100 items, and the other 10 go to a second event.
    const many: OutgoingMessage[] = Array.from({ length: 60 }, (_, index) => ({
      id: `m${index}`,
      message: { role: index % 2 === 0 ? 'user' : 'assistant', content: [{ text: `turn ${index}` }] } as MessageData,
    }))
    const result = await roundTrip('native', many, { appState: {}, modelState: {} })
    expect(result.skipped).toEqual([])
    expect(result.messages.map((decoded) => decoded.id)).toEqual(many.map((outgoing) => outgoing.id))
    expect(new Set(result.messages.map((decoded) => decoded.eventId)).size).toBe(2)
  })
})
