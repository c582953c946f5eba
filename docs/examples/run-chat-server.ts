import { startEmulator } from '@agentcore-session/emulator'
import { ScriptedModel } from '@agentcore-session/strands/testing'
import { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore'
import { startChatServer } from './async-websocket-server'

// Starts the chat server on 127.0.0.1:8080 (or PORT) against an in-process emulator and a scripted model.
const memoryId = 'chat_memory-AAAAAAAAAA'
const emulator = await startEmulator({ memories: [{ id: memoryId }] })
const client = new BedrockAgentCoreClient(emulator.clientConfig())
const server = await startChatServer({
  client,
  memoryId,
  port: Number(process.env.PORT ?? 8080),
  createModel: () => new ScriptedModel({ turns: () => ({ text: 'Hello from the scripted model.' }) }),
})
process.stdout.write(`Listening on ${server.url}/?actorId=alice&sessionId=chat-1\n`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    // Flush every session before the port closes, so no accepted write is lost.
    await server.close()
    client.destroy()
    await emulator.close()
  })
}
