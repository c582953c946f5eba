import { type AgentCoreSessionError, MemorySession } from '@agentcore-session/core'
import { type Emulator, startEmulator } from '@agentcore-session/emulator'
import { type BedrockAgentCoreClient, CreateEventCommand, type PayloadType } from '@aws-sdk/client-bedrock-agentcore'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emulatorClient } from '../support/emulator-client'

// Events written with the raw client in shapes the codec never writes. Restore must skip each one, report it through
// `skipped` and `onError` without its content, and keep every good message around it.

const memoryId = 'corrupted_memory-AAAAAAAAAA'
const actorId = 'actor-1'
const sessionId = 'session-1'
const secretText = 'corrupted-content-that-must-not-be-echoed'

let emulator: Emulator
let client: BedrockAgentCoreClient
let clock = 1_735_787_045_000

beforeAll(async () => {
  emulator = await startEmulator({ memories: [{ id: memoryId }] })
  client = emulatorClient(emulator)
})

afterAll(async () => {
  client?.destroy()
  await emulator?.close()
})

async function writeRaw(payload: PayloadType[], metadata: Record<string, { stringValue: string }> = {}) {
  clock += 1
  await client.send(
    new CreateEventCommand({
      memoryId,
      actorId,
      sessionId,
      eventTimestamp: new Date(clock),
      payload,
      metadata: { agentId: { stringValue: 'default' }, ...metadata },
    }),
  )
}

function nativeBlob(fields: Record<string, unknown>): PayloadType {
  return { blob: { type: 'agentcore-session/message', version: 1, id: `raw-${clock}`, ...fields } } as PayloadType
}

const corruptedPayloads: Array<{
  name: string
  payload: PayloadType[]
  metadata?: Record<string, { stringValue: string }>
}> = [
  { name: 'blob string that is not JSON', payload: [{ blob: `{{{${secretText}` } as PayloadType] },
  {
    name: 'unsupported version',
    payload: [nativeBlob({ version: 99, message: { role: 'user', content: [{ text: secretText }] } })],
  },
  {
    name: 'message without id',
    payload: [nativeBlob({ id: '', message: { role: 'user', content: [{ text: secretText }] } })],
  },
  { name: 'content not a list', payload: [nativeBlob({ message: { role: 'user', content: secretText } })] },
  { name: 'unknown role', payload: [nativeBlob({ message: { role: 'system', content: [{ text: secretText }] } })] },
  {
    name: 'bytes that are not base64',
    payload: [
      nativeBlob({
        message: {
          role: 'user',
          content: [{ image: { format: 'png', source: { bytes: `!${secretText}!` } } }],
        },
      }),
    ],
  },
  { name: 'blob of a number', payload: [{ blob: 42 } as PayloadType] },
  {
    name: 'deeply nested garbage',
    payload: [{ blob: JSON.parse(`${'['.repeat(500)}"${secretText}"${']'.repeat(500)}`) } as PayloadType],
  },
  {
    name: 'agent state of the wrong shape',
    payload: [{ blob: { type: 'agentcore-session/agent-state', version: 1, state: secretText } } as PayloadType],
    metadata: { stateType: { stringValue: 'AGENT' } },
  },
]

describe('restore of corrupted events', () => {
  it('skips and reports each one', async () => {
    const writer = new MemorySession({ memoryId, actorId, sessionId, client })
    await writer.appendMessage({ role: 'user', content: [{ text: 'first good message' }] })
    for (const corrupted of corruptedPayloads) {
      await writeRaw(corrupted.payload, corrupted.metadata)
    }
    await writer.appendMessage({ role: 'assistant', content: [{ text: 'second good message' }] })
    await writer.close()

    const reported: AgentCoreSessionError[] = []
    const reader = new MemorySession({ memoryId, actorId, sessionId, client, onError: (error) => reported.push(error) })
    const restored = await reader.restore()

    expect(restored.messages.map((item) => item.message.content)).toEqual([
      [{ text: 'first good message' }],
      [{ text: 'second good message' }],
    ])
    expect(restored.skipped).toHaveLength(corruptedPayloads.length)
    expect(reported).toHaveLength(corruptedPayloads.length)
    for (const error of reported) {
      expect(error.code).toBe('EVENT_SKIPPED')
      expect(error.message).not.toContain(secretText)
    }
    for (const skipped of restored.skipped) {
      expect(skipped.eventId).not.toBe('')
      expect(skipped.reason).not.toContain(secretText)
    }
    await reader.close()
  })
})
