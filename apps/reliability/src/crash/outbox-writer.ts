// Child process of the kill -9 suite. It resends the writes that the outbox journal contains from the previous
// (killed) run and prints `replayed <count>`, preceded by `damaged <count>` when it skipped torn journal lines.
// Then it appends messages `<prefix>-<n>` one after another and prints `ack <text>` for each once `appendMessage`
// resolved, which with the outbox means the write is journaled and fsynced. With `--drain` it only resends,
// flushes, closes and prints `drained`.
//
// Usage: tsx --conditions=@agentcore-session/source outbox-writer.ts <endpoint> <memoryId> <actorId> <sessionId>
//        <outboxDir> <prefix> [--drain]
import { BackgroundExecutor, type Logger, MemorySession } from '@agentcore-session/core'
import { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore'

/** Upper bounds of one run; the parent kills the child long before either is reached. */
const maxMessages = 5_000
const maxRunMs = 60_000

const [endpoint, memoryId, actorId, sessionId, outboxDir, prefix, mode] = process.argv.slice(2)
if (endpoint === undefined || memoryId === undefined || actorId === undefined || sessionId === undefined) {
  throw new Error('Missing arguments: expected <endpoint> <memoryId> <actorId> <sessionId> <outboxDir> <prefix>.')
}
if (outboxDir === undefined || prefix === undefined) {
  throw new Error('Missing arguments: expected <outboxDir> and <prefix> after the session id.')
}

// Endpoint, region and static dummy credentials, so nothing but the parent's emulator is ever called.
const client = new BedrockAgentCoreClient({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDCRASHTEST', secretAccessKey: 'crash-test-secret' },
  maxAttempts: 1,
})
// Reports journal lines that recovery skipped (a line torn by the previous kill) as `damaged <count>`.
const logger: Logger = {
  debug: () => {},
  info: () => {},
  warn: (fields) => {
    if (typeof fields.lines === 'number') {
      process.stdout.write(`damaged ${fields.lines}\n`)
    }
  },
  error: () => {},
}
const executor = new BackgroundExecutor({
  outboxDir,
  outboxClient: client,
  maxAttempts: 50,
  retryBudgetMs: 60_000,
  logger,
})
const replayed = await executor.recovery()
process.stdout.write(`replayed ${replayed}\n`)

if (mode === '--drain') {
  await executor.close()
  client.destroy()
  process.stdout.write('drained\n')
} else {
  const session = new MemorySession({ memoryId, actorId, sessionId, client, executor })
  const startedAt = Date.now()
  for (let index = 0; index < maxMessages && Date.now() - startedAt < maxRunMs; index += 1) {
    const text = `${prefix}-${index}`
    await session.appendMessage({ role: 'user', content: [{ text }] })
    process.stdout.write(`ack ${text}\n`)
  }
  await session.close()
  await executor.close()
  client.destroy()
}
