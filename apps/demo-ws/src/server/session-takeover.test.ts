import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestDemo, type TestDemo } from '../test-support/demo-harness'
import { claimsOf, listStoredMessages, type StoredMessage } from '../test-support/stored-messages'
import { TestClient } from '../test-support/ws-client'

const longPrompt = `Please repeat ${'many words '.repeat(300)}`

async function waitForNoConversations(demo: TestDemo): Promise<void> {
  for (let attempt = 0; attempt < 500 && demo.server.conversationCount() > 0; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  expect(demo.server.conversationCount()).toBe(0)
}

function rolesOf(messages: readonly StoredMessage[]): string[] {
  return messages.map((message) => message.role)
}

describe('demo server with one session on two sockets', () => {
  let demo: TestDemo

  beforeAll(async () => {
    demo = await startTestDemo()
  })

  afterAll(async () => {
    await demo.stop()
  })

  it('hands a running session to the newer socket', async () => {
    const first = await TestClient.connect(demo.url)
    const { token } = await first.next('session')
    first.prompt(longPrompt, 'first')
    await first.next('token')

    const second = await TestClient.connect(demo.url, { token })
    const firstDone = await first.next('done')
    const firstError = await first.next('error')
    const firstClose = await first.closed
    const session = await second.next('session')
    const reply = await second.turn('Are you there?')
    await second.close()
    await waitForNoConversations(demo)

    expect(firstDone.stopReason).toBe('cancelled')
    expect(firstError.code).toBe('session_opened_elsewhere')
    expect(firstClose.code).toBe(4409)
    expect(session.resumed).toBe(true)
    expect(session.history.map((message) => message.role)).toEqual(['user', 'assistant'])
    expect(reply.done.stopReason).toBe('endTurn')
    const { actorId, sessionId } = claimsOf(token)
    const stored = await listStoredMessages(demo.memory.client, demo.memory.memoryId, actorId, sessionId)
    expect(rolesOf(stored)).toEqual(['user', 'assistant', 'user', 'assistant'])
  })

  it('keeps the history alternating when both sockets send prompts', async () => {
    const first = await TestClient.connect(demo.url)
    const { token } = await first.next('session')
    const second = await TestClient.connect(demo.url, { token })
    first.prompt('Hello from the first tab')
    second.prompt('Hello from the second tab')
    await second.next('done')
    await first.closed
    await second.close()
    await waitForNoConversations(demo)

    const { actorId, sessionId } = claimsOf(token)
    const stored = await listStoredMessages(demo.memory.client, demo.memory.memoryId, actorId, sessionId)
    const roles = rolesOf(stored)
    expect(roles.length % 2).toBe(0)
    roles.forEach((role, index) => {
      expect(role, `role of message ${index}`).toBe(index % 2 === 0 ? 'user' : 'assistant')
    })
    expect(stored.at(-2)?.content).toEqual([{ text: 'Hello from the second tab' }])
  })

  it('hands a session through three sockets in a row', async () => {
    const first = await TestClient.connect(demo.url)
    const { token } = await first.next('session')
    const [second, third] = await Promise.all([
      TestClient.connect(demo.url, { token }),
      TestClient.connect(demo.url, { token }),
    ])
    const closes = await Promise.race([
      Promise.all([first.closed, second.closed]).then((codes) => ({ survivor: third, codes })),
      Promise.all([first.closed, third.closed]).then((codes) => ({ survivor: second, codes })),
    ])
    const reply = await closes.survivor.turn('Still here?')
    await closes.survivor.close()
    await waitForNoConversations(demo)

    expect(closes.codes.map((close) => close.code)).toEqual([4409, 4409])
    expect(reply.done.stopReason).toBe('endTurn')
    const { actorId, sessionId } = claimsOf(token)
    const stored = await listStoredMessages(demo.memory.client, demo.memory.memoryId, actorId, sessionId)
    expect(rolesOf(stored)).toEqual(['user', 'assistant'])
  })
})
