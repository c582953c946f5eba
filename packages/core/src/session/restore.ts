import { type Event, type FilterInput, ListEventsCommand } from '@aws-sdk/client-bedrock-agentcore'
import { type DecodedMessage, type DecodedState, decodeEvents, type SkippedEvent } from '../codec'
import { AgentCoreSessionError } from '../errors/agentcore-session-error'
import { tracedRead } from '../observability/channels'
import type { Logger } from '../observability/logger'
import type { MemoryClient } from './memory-client'
import { readWithRetry } from './read-with-retry'

/** ListEvents page size; the service's maximum. */
const pageSize = 100

/** Inputs of a restore. */
export interface RestoreRequest {
  client: MemoryClient
  memoryId: string
  actorId: string
  sessionId: string
  agentId: string
  /** Stop once this many messages of the agent were read. */
  limit: number | undefined
  logger: Logger
  /** Called with the newest event's timestamp as soon as the first page arrives. */
  onNewestTimestamp: (timestampMs: number) => void
}

/** Decoded events of a restore, before the history is shaped. */
export interface RestoreScan {
  /**
   * This agent's messages, oldest first: at least the newest `limit` when a
   * limit is set, and every message of each event read, so a batched event
   * is never cut in half.
   */
  messages: DecodedMessage[]
  /** The newest agent state. */
  state: DecodedState | undefined
  /** Events the codec could not read. */
  skipped: SkippedEvent[]
}

/**
 * Reads the session's events newest first, 100 per page, following
 * `nextToken` to the end, or until `limit` messages of this agent were read.
 * When a limit may stop the scan before the newest agent state, a second
 * query filtered on the state metadata runs at the same time. A failed read
 * is retried and then raised as `READ_FAILED`, never returned as an empty
 * history.
 */
export async function scanSession(request: RestoreRequest): Promise<RestoreScan> {
  const stateQuery = request.limit === undefined ? undefined : findNewestState(request)
  // The state query must not become an unhandled rejection while the message scan runs.
  stateQuery?.catch(() => {})
  const pages: RestoreScan[] = []
  let count = 0
  let nextToken: string | undefined
  let first = true
  do {
    const page = await listPage(request, nextToken, undefined)
    if (first) {
      first = false
      const newest = page.events[0]?.eventTimestamp
      if (newest !== undefined) {
        request.onNewestTimestamp(newest.getTime())
      }
    }
    const decoded = decodeEvents([...page.events].reverse(), { agentId: request.agentId })
    pages.push({ messages: decoded.messages, state: decoded.state, skipped: decoded.skipped })
    count += decoded.messages.length
    nextToken = page.nextToken
  } while (nextToken !== undefined && (request.limit === undefined || count < request.limit))

  // Pages arrived newest first; the history is oldest first.
  pages.reverse()
  const messages = pages.flatMap((page) => page.messages)
  const scannedState = pages.findLast((page) => page.state !== undefined)?.state
  const queriedState = stateQuery === undefined ? undefined : await stateQuery
  const state = newer(scannedState, queriedState)
  return { messages, state, skipped: pages.flatMap((page) => page.skipped) }
}

async function findNewestState(request: RestoreRequest): Promise<DecodedState | undefined> {
  const filter: FilterInput = {
    eventMetadata: [
      { left: { metadataKey: 'stateType' }, operator: 'EQUALS_TO', right: { metadataValue: { stringValue: 'AGENT' } } },
      {
        left: { metadataKey: 'agentId' },
        operator: 'EQUALS_TO',
        right: { metadataValue: { stringValue: request.agentId } },
      },
    ],
  }
  let nextToken: string | undefined
  do {
    // The service counts scanned events, not matches, against maxResults, so a filtered
    // page can be empty and still carry a nextToken.
    const page = await listPage(request, nextToken, filter)
    const decoded = decodeEvents([...page.events].reverse(), { agentId: request.agentId })
    if (decoded.state !== undefined) {
      return decoded.state
    }
    nextToken = page.nextToken
  } while (nextToken !== undefined)
  return undefined
}

async function listPage(
  request: RestoreRequest,
  nextToken: string | undefined,
  filter: FilterInput | undefined,
): Promise<{ events: Event[]; nextToken: string | undefined }> {
  const { client, memoryId, actorId, sessionId } = request
  try {
    const output = await readWithRetry(
      () =>
        tracedRead(
          { operation: 'ListEvents', memoryId, actorId, sessionId },
          () =>
            client.send(
              new ListEventsCommand({
                memoryId,
                actorId,
                sessionId,
                includePayloads: true,
                maxResults: pageSize,
                ...(nextToken === undefined ? {} : { nextToken }),
                ...(filter === undefined ? {} : { filter }),
              }),
            ),
          (result) => result.events?.length ?? 0,
        ),
      (error) =>
        request.logger.warn(
          { memoryId, actorId, sessionId, error: error instanceof Error ? error.name : typeof error },
          'Retrying ListEvents',
        ),
    )
    const token = output.nextToken === null || output.nextToken === '' ? undefined : output.nextToken
    return { events: output.events ?? [], nextToken: token }
  } catch (error) {
    const name = error instanceof Error ? error.name : 'unknown error'
    throw new AgentCoreSessionError(
      'READ_FAILED',
      `Restoring session '${sessionId}' of actor '${actorId}' failed: ListEvents on memory '${memoryId}' raised ${name} after retries. Check the cause, then call restore() again on a new session.`,
      { cause: error },
    )
  }
}

function newer(a: DecodedState | undefined, b: DecodedState | undefined): DecodedState | undefined {
  if (a === undefined) {
    return b
  }
  if (b === undefined) {
    return a
  }
  return b.timestamp > a.timestamp ? b : a
}
