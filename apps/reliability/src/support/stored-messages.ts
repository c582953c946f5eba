import { type BedrockAgentCoreClient, type Event, paginateListEvents } from '@aws-sdk/client-bedrock-agentcore'

/** `type` of the blob in which core's native layout stores each message. */
const nativeMessageType = 'agentcore-session/message'

/** One message copy found in storage. */
export interface StoredMessage {
  /** The message id that core wrote into the blob. */
  id: string
  /** `user` or `assistant`. */
  role: string
  /** The message's text blocks, joined. */
  text: string
  /** Id of the event that contains the copy. */
  eventId: string
}

/**
 * Reads every message copy of a session with `ListEvents`, oldest event
 * first, without any deduplication, so a duplicate shows up as two copies.
 */
export async function readStoredMessages(
  client: BedrockAgentCoreClient,
  memoryId: string,
  actorId: string,
  sessionId: string,
): Promise<StoredMessage[]> {
  const events: Event[] = []
  const pages = paginateListEvents(
    { client, pageSize: 100 },
    { memoryId, actorId, sessionId, includePayloads: true, maxResults: 100 },
  )
  for await (const page of pages) {
    events.push(...(page.events ?? []))
  }
  // ListEvents returns the newest event first; the stable sort keeps the service's order within one millisecond.
  events.reverse()
  events.sort((a, b) => (a.eventTimestamp?.getTime() ?? 0) - (b.eventTimestamp?.getTime() ?? 0))
  const messages: StoredMessage[] = []
  for (const event of events) {
    for (const item of event.payload ?? []) {
      const blob = parseBlob(item.blob)
      if (blob?.type !== nativeMessageType || typeof blob.id !== 'string') {
        continue
      }
      const message = blob.message as { role?: unknown; content?: unknown } | undefined
      messages.push({
        id: blob.id,
        role: String(message?.role),
        text: textOf(message?.content),
        eventId: event.eventId ?? '',
      })
    }
  }
  return messages
}

/** Joins the text blocks of a message's content. */
export function textOf(content: unknown): string {
  if (!Array.isArray(content)) {
    return ''
  }
  return content
    .flatMap((block: unknown) => {
      if (typeof block !== 'object' || block === null) {
        return []
      }
      // Strands' own message objects carry `{ type: 'textBlock', text }`, stored JSON carries `{ text }`.
      const text = (block as { text?: unknown }).text
      return typeof text === 'string' ? [text] : []
    })
    .join('')
}

function parseBlob(blob: unknown): Record<string, unknown> | undefined {
  const value = typeof blob === 'string' ? safeParse(blob) : blob
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
