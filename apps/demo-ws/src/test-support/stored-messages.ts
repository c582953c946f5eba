import { type BedrockAgentCoreClient, ListEventsCommand } from '@aws-sdk/client-bedrock-agentcore'
import { SessionTokens } from '../session-token'
import { testTokenSecret } from './demo-harness'

/** One message as stored in a blob payload item of the native layout. */
export interface StoredMessage {
  /** Message id, unique per message. */
  id: string
  /** Strands role. */
  role: string
  /** Strands content blocks as JSON. */
  content: Array<Record<string, unknown>>
}

/**
 * Reads every message blob of a session with ListEvents, oldest first, following `nextToken` to the end.
 * State events and conversational items are skipped.
 */
export async function listStoredMessages(
  client: BedrockAgentCoreClient,
  memoryId: string,
  actorId: string,
  sessionId: string,
): Promise<StoredMessage[]> {
  const events = []
  let nextToken: string | undefined
  do {
    const page = await client.send(
      new ListEventsCommand({ memoryId, actorId, sessionId, includePayloads: true, maxResults: 100, nextToken }),
    )
    events.push(...(page.events ?? []))
    nextToken = page.nextToken
  } while (nextToken)

  // ListEvents returns the newest event first.
  events.sort((a, b) => (a.eventTimestamp?.getTime() ?? 0) - (b.eventTimestamp?.getTime() ?? 0))
  const messages: StoredMessage[] = []
  for (const event of events) {
    for (const item of event.payload ?? []) {
      const blob = item.blob as { type?: string; id?: string; message?: Omit<StoredMessage, 'id'> } | undefined
      if (blob?.type === 'agentcore-session/message' && blob.id && blob.message) {
        messages.push({ id: blob.id, role: blob.message.role, content: blob.message.content })
      }
    }
  }
  return messages
}

/** Reads the actor and session ids out of a token that a test demo issued. */
export function claimsOf(token: string): { actorId: string; sessionId: string } {
  const verified = new SessionTokens({ secret: Buffer.from(testTokenSecret), ttlMs: 1 }).verify(token)
  if (!verified.ok) throw new Error(`Token did not verify: ${verified.reason}`)
  return verified.claims
}
