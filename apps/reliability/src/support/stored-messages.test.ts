import { type Emulator, startEmulator } from '@agentcore-session/emulator'
import { type BedrockAgentCoreClient, CreateEventCommand } from '@aws-sdk/client-bedrock-agentcore'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emulatorClient } from './emulator-client'
import { readStoredMessages, textOf } from './stored-messages'

let emulator: Emulator
let client: BedrockAgentCoreClient

beforeAll(async () => {
  emulator = await startEmulator()
  client = emulatorClient(emulator)
})

afterAll(async () => {
  client?.destroy()
  await emulator?.close()
})

function messageBlob(id: string, text: string) {
  return { blob: { type: 'agentcore-session/message', version: 1, id, message: { role: 'user', content: [{ text }] } } }
}

describe('readStoredMessages', () => {
  it('lists every copy, oldest first', async () => {
    const memoryId = await emulator.createMemory({ name: 'stored' })
    const base = { memoryId, actorId: 'actor', sessionId: 'session-1' }
    await client.send(
      new CreateEventCommand({ ...base, eventTimestamp: new Date(1_000), payload: [messageBlob('a', 'first')] }),
    )
    await client.send(
      new CreateEventCommand({
        ...base,
        eventTimestamp: new Date(2_000),
        payload: [{ conversational: { role: 'USER', content: { text: 'second' } } }, messageBlob('b', 'second')],
      }),
    )
    // A second event with the same message id is a duplicate, and must be listed as one.
    await client.send(
      new CreateEventCommand({ ...base, eventTimestamp: new Date(3_000), payload: [messageBlob('b', 'second')] }),
    )
    const stored = await readStoredMessages(client, memoryId, 'actor', 'session-1')
    expect(stored.map((message) => message.id)).toEqual(['a', 'b', 'b'])
    expect(stored.map((message) => message.text)).toEqual(['first', 'second', 'second'])
    expect(stored.every((message) => message.role === 'user')).toBe(true)
  })
})

describe('textOf', () => {
  it('joins text blocks and skips others', () => {
    expect(textOf([{ text: 'a' }, { image: {} }, { type: 'textBlock', text: 'b' }])).toBe('ab')
  })

  it('returns empty text for content that is not a list', () => {
    expect(textOf(undefined)).toBe('')
  })
})
