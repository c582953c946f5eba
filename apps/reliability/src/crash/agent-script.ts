// Child process of the SIGTERM suite: a plain script with a Strands agent in async mode. It runs turns until SIGTERM,
// then finishes the turn in progress, flushes and closes the session manager, prints the agent's messages and exits 0.
// It prints `turn-start <n>`, `added <text>` once the session accepted a message, `messages <json>` and `drained`.
//
// Usage: tsx --conditions=@agentcore-session/source agent-script.ts <endpoint> <memoryId> <actorId> <sessionId>
import { AgentCoreMemorySessionManager } from '@agentcore-session/strands'
import { ScriptedModel } from '@agentcore-session/strands/testing'
import { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore'
import { Agent, MessageAddedEvent } from '@strands-agents/sdk'
import { textOf } from '../support/stored-messages'

/** Upper bounds of one run; the parent sends SIGTERM long before either is reached. */
const maxTurns = 500
const maxRunMs = 60_000

const [endpoint, memoryId, actorId, sessionId] = process.argv.slice(2)
if (endpoint === undefined || memoryId === undefined || actorId === undefined || sessionId === undefined) {
  throw new Error('Missing arguments: expected <endpoint> <memoryId> <actorId> <sessionId>.')
}

// Endpoint, region and static dummy credentials, so nothing but the parent's emulator is ever called.
const client = new BedrockAgentCoreClient({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDSIGTERMTEST', secretAccessKey: 'sigterm-test-secret' },
  maxAttempts: 1,
})
const manager = new AgentCoreMemorySessionManager({ memoryId, actorId, sessionId, client, asyncMode: true })
const model = new ScriptedModel({
  turns: (messages) => ({ text: `reply to ${textOf(messages.at(-1)?.content)} with a few more words` }),
  timeToFirstTokenMs: 5,
  tokenDelayMs: 5,
})
const agent = new Agent({ model, printer: false, sessionManager: manager })
// Registered after the manager's own hook, so a line is printed only once the session accepted the message.
agent.addHook(MessageAddedEvent, (event) => {
  process.stdout.write(`added ${textOf(event.message.content)}\n`)
})

let stopping = false
process.once('SIGTERM', () => {
  stopping = true
})

const startedAt = Date.now()
for (let turn = 1; turn <= maxTurns && !stopping && Date.now() - startedAt < maxRunMs; turn += 1) {
  process.stdout.write(`turn-start ${turn}\n`)
  await agent.invoke(`prompt ${turn}`)
}
// Drain: the turn in progress has finished; close() flushes every accepted write, then rejects new ones.
await manager.close()
client.destroy()
process.stdout.write(`messages ${JSON.stringify(agent.messages.map((message) => textOf(message.content)))}\n`)
process.stdout.write('drained\n')
