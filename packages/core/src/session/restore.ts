import { type Event, type FilterInput, GetEventCommand, ListEventsCommand } from '@aws-sdk/client-bedrock-agentcore'
import {
  AGENT_STATE_TYPE,
  type DecodedMessage,
  type DecodedState,
  decodeEvents,
  parseStatePointer,
  type SkippedEvent,
  STATE_POINTER_KEY,
} from '../codec'
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
  /** The agent's newest agent state, found whether or not a limit stopped the scan. */
  state: DecodedState | undefined
  /** Events the codec could not read. */
  skipped: SkippedEvent[]
}

/**
 * Reads the session's events newest first, 100 per page, following
 * `nextToken` to the end, or until `limit` messages of this agent were read.
 *
 * A limited scan may stop before the newest agent state. The state is then
 * the newest one in the first page. Without one there, it is the newest
 * state that message events of this agent in that page name in their
 * `stateEventId` metadata, read with one `GetEvent`. Events written without
 * that key fall back to a `ListEvents` query filtered on the state metadata,
 * which may page through the whole session. A failed read is retried and then raised
 * as `READ_FAILED`, never returned as an empty history.
 */
export async function scanSession(request: RestoreRequest): Promise<RestoreScan> {
  const pages: RestoreScan[] = []
  let count = 0
  let nextToken: string | undefined
  let stateLookup: Promise<DecodedState | undefined> | undefined
  do {
    const page = await listPage(request, nextToken, undefined)
    const decoded = decodeEvents([...page.events].reverse(), { agentId: request.agentId })
    if (pages.length === 0) {
      const newest = page.events[0]?.eventTimestamp
      if (newest !== undefined) {
        request.onNewestTimestamp(newest.getTime())
      }
      const complete = page.nextToken === undefined || request.limit === undefined
      if (!complete && decoded.state === undefined) {
        stateLookup = findStateBeyondPage(request, page.events)
        // The lookup must not become an unhandled rejection while the message scan runs.
        stateLookup.catch(() => {})
      }
    }
    pages.push({ messages: decoded.messages, state: decoded.state, skipped: decoded.skipped })
    count += decoded.messages.length
    nextToken = page.nextToken
  } while (nextToken !== undefined && (request.limit === undefined || count < request.limit))

  // Pages arrived newest first; the history is oldest first.
  pages.reverse()
  const messages = pages.flatMap((page) => page.messages)
  const scannedState = pages.findLast((page) => page.state !== undefined)?.state
  const state = newer(scannedState, stateLookup === undefined ? undefined : await stateLookup)
  return { messages, state, skipped: pages.flatMap((page) => page.skipped) }
}

/**
 * Finds the agent's newest state when the first page contains none. A state
 * newer than a message event of the first page would be in that page, so a
 * pointer written with up-to-date knowledge names the newest state overall.
 * Every pointer names a state that was stored, so the newest state named in
 * the page is taken, which also covers pointers of a writer that missed a
 * state another process saved.
 */
async function findStateBeyondPage(request: RestoreRequest, newestFirst: Event[]): Promise<DecodedState | undefined> {
  const pointer = newestPointedState(newestFirst, request.agentId)
  if (pointer === null) {
    return undefined
  }
  if (pointer !== undefined) {
    const state = await getState(request, pointer)
    if (state !== undefined) {
      return state
    }
    request.logger.warn(
      { sessionId: request.sessionId, eventId: pointer },
      'The agent-state event named by stateEventId is missing or unreadable; searching by metadata',
    )
  }
  return findNewestState(request)
}

/**
 * Returns the newest event id that message events of `agentId` name, `null`
 * when they all name no state, or undefined when none carries a pointer.
 */
function newestPointedState(events: Event[], agentId: string): string | null | undefined {
  let newest: string | null | undefined
  for (const event of events) {
    const metadata = event.metadata
    // Only this package writes the key, always next to the agent's own id on a message event.
    if (metadata?.agentId?.stringValue !== agentId || metadata.stateType !== undefined) {
      continue
    }
    const pointer = parseStatePointer(metadata[STATE_POINTER_KEY]?.stringValue)
    if (pointer === undefined) {
      continue
    }
    if (newest === undefined || newest === null) {
      newest = pointer
    } else if (pointer !== null && compareEventIds(pointer, newest) > 0) {
      newest = pointer
    }
  }
  return newest
}

/** Orders two service event ids (`<epoch ms>#<hex>`) by time; ids of the same millisecond order by their hex part. */
function compareEventIds(a: string, b: string): number {
  const [aTime = '', aSuffix = ''] = a.split('#')
  const [bTime = '', bSuffix = ''] = b.split('#')
  if (aTime.length !== bTime.length) {
    return aTime.length - bTime.length
  }
  if (aTime !== bTime) {
    return aTime < bTime ? -1 : 1
  }
  if (aSuffix === bSuffix) {
    return 0
  }
  return aSuffix < bSuffix ? -1 : 1
}

/** Reads one agent-state event. Returns undefined when it is not found or contains no readable state of the agent. */
async function getState(request: RestoreRequest, eventId: string): Promise<DecodedState | undefined> {
  const { client, memoryId, actorId, sessionId } = request
  let event: Event | undefined
  try {
    const output = await readWithRetry(
      () =>
        tracedRead(
          { operation: 'GetEvent', memoryId, actorId, sessionId },
          () => client.send(new GetEventCommand({ memoryId, actorId, sessionId, eventId })),
          () => 1,
        ),
      (error) => logRetry(request, 'GetEvent', error),
    )
    event = output.event
  } catch (error) {
    if (error instanceof Error && error.name === 'ResourceNotFoundException') {
      return undefined
    }
    // A role allowed ListEvents but not GetEvent still restores, through the filtered query.
    if (error instanceof Error && error.name === 'AccessDeniedException') {
      request.logger.warn(
        { sessionId, eventId, error: error.name },
        'GetEvent is not allowed; allow bedrock-agentcore:GetEvent to restore the agent state in one call',
      )
      return undefined
    }
    throw readFailed(request, 'GetEvent', error)
  }
  return event === undefined ? undefined : decodeEvents([event], { agentId: request.agentId }).state
}

async function findNewestState(request: RestoreRequest): Promise<DecodedState | undefined> {
  const filter: FilterInput = {
    eventMetadata: [
      {
        left: { metadataKey: 'stateType' },
        operator: 'EQUALS_TO',
        right: { metadataValue: { stringValue: AGENT_STATE_TYPE } },
      },
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
      (error) => logRetry(request, 'ListEvents', error),
    )
    const token = output.nextToken === null || output.nextToken === '' ? undefined : output.nextToken
    return { events: output.events ?? [], nextToken: token }
  } catch (error) {
    throw readFailed(request, 'ListEvents', error)
  }
}

function logRetry(request: RestoreRequest, operation: string, error: unknown): void {
  const { memoryId, actorId, sessionId } = request
  request.logger.warn(
    { memoryId, actorId, sessionId, error: error instanceof Error ? error.name : typeof error },
    `Retrying ${operation}`,
  )
}

function readFailed(request: RestoreRequest, operation: string, error: unknown): AgentCoreSessionError {
  const { memoryId, actorId, sessionId } = request
  const name = error instanceof Error ? error.name : 'unknown error'
  return new AgentCoreSessionError(
    'READ_FAILED',
    `Restoring session '${sessionId}' of actor '${actorId}' failed: ${operation} on memory '${memoryId}' raised ${name} after retries. Check the cause, then call restore() again on a new session.`,
    { cause: error },
  )
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
