import { type Emulator, startEmulator } from '@agentcore-session/emulator'
import {
  BatchCreateMemoryRecordsCommand,
  BedrockAgentCoreClient,
  type Event,
  ListEventsCommand,
} from '@aws-sdk/client-bedrock-agentcore'
import { Agent, type Model, type Tool, tool } from '@strands-agents/sdk'
import { AgentCoreMemorySessionManager, type AgentCoreMemorySessionManagerOptions } from '../../src/index'

/** Memory that every integration test uses, with a semantic and a user-preference strategy. */
export const MEMORY_ID = 'test_memory-AAAAAAAAAA'
export const FACTS_NAMESPACE = '/users/{actorId}/facts/'

/** An emulator on 127.0.0.1 and a real AWS SDK client pointed at it. */
export interface MemoryFixture {
  emulator: Emulator
  client: BedrockAgentCoreClient
  close(): Promise<void>
}

/** Starts the emulator in memory and builds a client with dummy credentials and no retries. */
export async function startMemoryFixture(): Promise<MemoryFixture> {
  const emulator = await startEmulator({
    memories: [
      {
        id: MEMORY_ID,
        strategies: [
          { type: 'semantic', namespace: FACTS_NAMESPACE },
          { type: 'userPreference', namespace: '/users/{actorId}/preferences/' },
        ],
      },
    ],
  })
  const client = new BedrockAgentCoreClient({ ...emulator.clientConfig(), maxAttempts: 1 })
  return {
    emulator,
    client,
    async close() {
      client.destroy()
      await emulator.close()
    },
  }
}

let sessionCounter = 0

/** Returns a session id that no other test uses, with an upper-case letter that Strands' own session ids reject. */
export function uniqueSessionId(label: string): string {
  sessionCounter += 1
  return `Session-${label}-${sessionCounter}-${Date.now()}`
}

/** Builds a manager on the fixture's client; options override the defaults. */
export function newManager(
  fixture: MemoryFixture,
  options: Partial<AgentCoreMemorySessionManagerOptions> & { sessionId: string },
): AgentCoreMemorySessionManager {
  return new AgentCoreMemorySessionManager({
    memoryId: MEMORY_ID,
    actorId: 'user-1',
    client: fixture.client,
    ...options,
  })
}

/** Builds an agent with printing off; `id` defaults to Strands' default. */
export function newAgent(
  model: Model,
  sessionManager: AgentCoreMemorySessionManager,
  extra: { id?: string; tools?: Tool[]; appState?: Record<string, string | number | boolean> } = {},
): Agent {
  return new Agent({ model, printer: false, sessionManager, ...extra })
}

/** Reads every event of a session, oldest first, through the real client. */
export async function listAllEvents(fixture: MemoryFixture, sessionId: string, actorId = 'user-1'): Promise<Event[]> {
  const events: Event[] = []
  let nextToken: string | undefined
  for (let page = 0; page < 100; page += 1) {
    const response = await fixture.client.send(
      new ListEventsCommand({
        memoryId: MEMORY_ID,
        actorId,
        sessionId,
        includePayloads: true,
        maxResults: 100,
        ...(nextToken !== undefined && { nextToken }),
      }),
    )
    events.push(...(response.events ?? []))
    nextToken = response.nextToken
    if (nextToken === undefined) break
  }
  return events.reverse()
}

/** Stores long-term records directly, as extraction would have produced them. */
export async function seedRecords(fixture: MemoryFixture, namespace: string, texts: string[]): Promise<void> {
  await fixture.client.send(
    new BatchCreateMemoryRecordsCommand({
      memoryId: MEMORY_ID,
      records: texts.map((text, index) => ({
        requestIdentifier: `seed-${index}`,
        namespaces: [namespace],
        content: { text },
        timestamp: new Date(),
      })),
    }),
  )
}

/** A tool that returns a fixed forecast, for tool-call turns. */
export const weatherTool = tool({
  name: 'get_weather',
  description: 'Returns the weather for a city.',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  callback: (input) => `Sunny in ${(input as { city: string }).city}`,
})
