import { startEmulator } from '@agentcore-session/emulator'
import { AgentCoreMemorySessionManager } from '@agentcore-session/strands'
import { ScriptedModel } from '@agentcore-session/strands/testing'
import { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore'
import { Agent } from '@strands-agents/sdk'

const memoryId = 'my_memory-AAAAAAAAAA'

/** Runs two agents on one session, one after the other, and returns what the second one restored. */
export async function runFirstAgent(): Promise<{ reply: string; restoredMessages: number }> {
  // An in-process emulator on 127.0.0.1 with a free port and nothing on disk.
  const emulator = await startEmulator({ memories: [{ id: memoryId }] })
  // clientConfig() returns the endpoint, a region and dummy credentials.
  const client = new BedrockAgentCoreClient(emulator.clientConfig())
  const ids = { client, memoryId, actorId: 'alice', sessionId: 'first-chat' }

  try {
    const first = new AgentCoreMemorySessionManager({ ...ids, asyncMode: true })
    const agent = new Agent({
      model: new ScriptedModel({ turns: [{ text: 'Nice to meet you, Alice.' }] }),
      printer: false,
      sessionManager: first,
    })
    const result = await agent.invoke('Hi, I am Alice.')
    // Async mode persists behind the agent; close() waits until every write is durable.
    await first.close()

    // A second manager on the same session restores the two messages.
    const second = new AgentCoreMemorySessionManager({ ...ids, asyncMode: true })
    const restored = await second.prefetch()
    await second.close()
    return { reply: result.toString(), restoredMessages: restored.messages.length }
  } finally {
    client.destroy()
    await emulator.close()
  }
}
