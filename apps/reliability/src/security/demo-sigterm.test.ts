import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator } from '@agentcore-session/emulator'
import { BedrockAgentCoreClient, type Event, paginateListEvents } from '@aws-sdk/client-bedrock-agentcore'
import { afterEach, describe, expect, it } from 'vitest'
import { ChatClient } from './chat-client'
import { claimsOfToken, type DemoProcess, killDemoProcess, startDemoProcess } from './demo-process'

// SIGTERM while a reply streams: the demo must cancel the turn, flush every session and exit 0, and every message it
// accepted must be stored exactly once. The demo's emulator writes to a SQLite file, so a second emulator can read
// what the first one stored after the process is gone.

const demoMemoryId = 'demo_memory-AAAAAAAAAA'
const tokenSecret = 'sigterm-test-secret-with-more-than-32-bytes'

let dataDir = ''
const demos: DemoProcess[] = []

afterEach(async () => {
  for (const demo of demos.splice(0)) await killDemoProcess(demo)
  if (dataDir !== '') await rm(dataDir, { recursive: true, force: true })
})

function startDemo(): DemoProcess {
  const demo = startDemoProcess({
    DEMO_DATA_DIR: dataDir,
    DEMO_DB: join(dataDir, 'memory.db'),
    DEMO_TOKEN_SECRET: tokenSecret,
  })
  demos.push(demo)
  return demo
}

/** Lists every stored event of the session through a second emulator on the same SQLite file. */
async function storedEvents(actorId: string, sessionId: string): Promise<Event[]> {
  const emulator = await startEmulator({ db: join(dataDir, 'memory.db') })
  const client = new BedrockAgentCoreClient(emulator.clientConfig({ maxAttempts: 1 }))
  try {
    const events: Event[] = []
    const pages = paginateListEvents({ client }, { memoryId: demoMemoryId, actorId, sessionId, includePayloads: true })
    for await (const page of pages) events.push(...(page.events ?? []))
    return events
  } finally {
    client.destroy()
    await emulator.close()
  }
}

/** Texts of the conversational payload items with `role`, in stored order. */
function conversationalTexts(events: Event[], role: string): string[] {
  return events
    .slice()
    .sort((left, right) => (left.eventTimestamp?.getTime() ?? 0) - (right.eventTimestamp?.getTime() ?? 0))
    .flatMap((event) => event.payload ?? [])
    .flatMap((item) => (item.conversational?.role === role ? [item.conversational.content?.text ?? ''] : []))
}

function historyTexts(session: Record<string, unknown>, role: string): string[] {
  const history = session.history as Array<{ role: string; blocks: Array<{ type: string; text?: string }> }>
  return history
    .filter((message) => message.role === role)
    .map((message) => message.blocks.flatMap((block) => (block.type === 'text' ? [block.text ?? ''] : [])).join(''))
}

describe('demo SIGTERM mid-turn', () => {
  it('drains and loses nothing', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'reliability-sigterm-'))
    const first = startDemo()
    const client = await ChatClient.connect(await first.url)
    const session = await client.next('session')
    const token = String(session.token)
    const prompts = [
      'I like green tea.',
      'What time is it?',
      `Please repeat ${Array(100).fill('many words').join(' ')}`,
    ]

    const first1 = await client.turn(prompts[0] as string)
    const first2 = await client.turn(prompts[1] as string)
    client.prompt(prompts[2] as string)
    await client.next('token')
    first.child.kill('SIGTERM')
    const exit = await first.exited
    const closed = await client.closed

    expect(exit).toBe(0)
    expect(closed.code).toBe(1001)
    expect(first1.done.stopReason).toBe('endTurn')
    expect(first2.done.stopReason).toBe('endTurn')

    const { actorId, sessionId } = claimsOfToken(token)
    const stored = await storedEvents(actorId, sessionId)
    const userTexts = conversationalTexts(stored, 'USER')
    for (const prompt of prompts) {
      expect(userTexts.filter((text) => text === prompt)).toHaveLength(1)
    }
    expect(userTexts.filter((text) => prompts.includes(text))).toEqual(prompts)
    const assistantTexts = conversationalTexts(stored, 'ASSISTANT')
    // A tool call splits the second reply over two assistant messages; the cancelled turn may add one more.
    expect(assistantTexts.join('').startsWith(first1.reply + first2.reply)).toBe(true)
    expect(new Set(assistantTexts).size).toBe(assistantTexts.length)

    const second = startDemo()
    const resumed = await ChatClient.connect(await second.url, { token })
    const restored = await resumed.next('session')
    await resumed.close()

    expect(restored.resumed).toBe(true)
    expect(historyTexts(restored, 'user').filter((text) => text !== '')).toEqual(prompts)
    expect(
      historyTexts(restored, 'assistant')
        .join('')
        .startsWith(first1.reply + first2.reply),
    ).toBe(true)
  })
})
