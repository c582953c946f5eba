import { randomBytes } from 'node:crypto'
import {
  CreateEventCommand,
  type CreateEventCommandOutput,
  DeleteEventCommand,
  type DeleteEventCommandOutput,
  type Event,
  type FilterInput,
  GetEventCommand,
  type GetEventCommandOutput,
  ListEventsCommand,
  type ListEventsCommandOutput,
  type MemoryRecordSummary,
  type RetrieveMemoryRecordsCommand,
  type RetrieveMemoryRecordsCommandOutput,
} from '@aws-sdk/client-bedrock-agentcore'
import type { MemoryClient, SendOptions } from '../session/memory-client'

/** A long-term memory record seeded with {@link InMemoryAgentCoreMemory.addRecord}. */
export interface InMemoryRecord {
  /** Namespace the record lives in, for example `/facts/user-1`. */
  namespace: string
  /** The record text. */
  text: string
  /** Score returned for every query; omit to return a record without a score. */
  score?: number
  /** Record id. Default: a generated `mem-…` id. */
  memoryRecordId?: string
  /** Strategy id. Default `'test_strategy-0000000000'`. */
  memoryStrategyId?: string
}

type AnyCommand =
  | CreateEventCommand
  | ListEventsCommand
  | GetEventCommand
  | DeleteEventCommand
  | RetrieveMemoryRecordsCommand

/**
 * An in-memory AgentCore Memory backend for unit tests of code that uses
 * `@agentcore-session/core`. Pass it as the session's `client`.
 *
 * It implements the five operations core calls. CreateEvent deduplicates by
 * `clientToken`. ListEvents returns newest first in `maxResults` pages with
 * `nextToken`, and its metadata filters count scanned events against
 * `maxResults` as the service does. GetEvent returns one event with its
 * payload. DeleteEvent removes one event, and
 * RetrieveMemoryRecords returns the records from `addRecord` under the
 * `namespacePath` prefix, with their seeded scores. It does no
 * validation beyond that; test against the emulator package for the
 * service's checks.
 */
export class InMemoryAgentCoreMemory implements MemoryClient {
  readonly #events = new Map<string, Event[]>()
  readonly #tokens = new Map<string, Event>()
  readonly #records: (Required<Omit<InMemoryRecord, 'score'>> & { score?: number })[] = []
  readonly #calls: { operation: string; input: unknown }[] = []
  #failures: { operation: string; error: Error }[] = []
  #latencyMs = 0

  /** Adds a long-term memory record. */
  addRecord(record: InMemoryRecord): void {
    this.#records.push({
      memoryRecordId: record.memoryRecordId ?? `mem-${randomBytes(18).toString('hex')}`,
      memoryStrategyId: record.memoryStrategyId ?? 'test_strategy-0000000000',
      namespace: record.namespace,
      text: record.text,
      ...(record.score === undefined ? {} : { score: record.score }),
    })
  }

  /** Delays every later call by `ms` milliseconds, to let writes queue up behind a call in flight. */
  setLatency(ms: number): void {
    this.#latencyMs = ms
  }

  /** Makes the next call of `operation` (for example `'CreateEvent'`) reject with `error`. Queued in order. */
  failNext(
    operation: 'CreateEvent' | 'ListEvents' | 'GetEvent' | 'DeleteEvent' | 'RetrieveMemoryRecords',
    error: Error,
  ): void {
    this.#failures.push({ operation, error })
  }

  /** Returns every call received, oldest first. */
  calls(): readonly { operation: string; input: unknown }[] {
    return this.#calls
  }

  /** Returns the number of calls per operation. */
  callCounts(): Record<string, number> {
    const counts: Record<string, number> = {}
    for (const call of this.#calls) {
      counts[call.operation] = (counts[call.operation] ?? 0) + 1
    }
    return counts
  }

  /** Returns the stored events of a session, oldest first. */
  events(actorId: string, sessionId: string): readonly Event[] {
    return [...(this.#events.get(sessionKey(actorId, sessionId)) ?? [])]
  }

  send(command: CreateEventCommand, options?: SendOptions): Promise<CreateEventCommandOutput>
  send(command: ListEventsCommand, options?: SendOptions): Promise<ListEventsCommandOutput>
  send(command: GetEventCommand, options?: SendOptions): Promise<GetEventCommandOutput>
  send(command: DeleteEventCommand, options?: SendOptions): Promise<DeleteEventCommandOutput>
  send(command: RetrieveMemoryRecordsCommand, options?: SendOptions): Promise<RetrieveMemoryRecordsCommandOutput>
  async send(command: AnyCommand, options?: SendOptions): Promise<unknown> {
    options?.abortSignal?.throwIfAborted()
    const operation = operationOf(command)
    this.#calls.push({ operation, input: structuredClone(command.input) })
    const failure = this.#failures.findIndex((entry) => entry.operation === operation)
    if (failure !== -1) {
      const [entry] = this.#failures.splice(failure, 1)
      throw entry!.error
    }
    // Resolve on a later tick, as a network call would.
    if (this.#latencyMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.#latencyMs))
    } else {
      await Promise.resolve()
    }
    if (command instanceof CreateEventCommand) {
      return this.#createEvent(command)
    }
    if (command instanceof ListEventsCommand) {
      return this.#listEvents(command)
    }
    if (command instanceof GetEventCommand) {
      return this.#getEvent(command)
    }
    if (command instanceof DeleteEventCommand) {
      return this.#deleteEvent(command)
    }
    return this.#retrieve(command)
  }

  #createEvent(command: CreateEventCommand): CreateEventCommandOutput {
    const input = command.input
    const token = input.clientToken === undefined ? undefined : `${input.memoryId}|${input.clientToken}`
    const known = token === undefined ? undefined : this.#tokens.get(token)
    if (known !== undefined) {
      return { event: structuredClone(known), $metadata: {} }
    }
    const timestamp = input.eventTimestamp ?? new Date()
    const ms = timestamp.getTime()
    const event: Event = {
      memoryId: input.memoryId,
      actorId: input.actorId,
      sessionId: input.sessionId,
      eventId: `${String(ms).padStart(19, '0')}#${randomBytes(4).toString('hex')}`,
      eventTimestamp: new Date(ms),
      payload: structuredClone(input.payload ?? []),
      branch: { name: 'main' },
      ...(input.metadata === undefined ? {} : { metadata: structuredClone(input.metadata) }),
    }
    const key = sessionKey(input.actorId!, input.sessionId!)
    const list = this.#events.get(key) ?? []
    list.push(event)
    // Event ids start with the zero-padded timestamp, so string order is time order.
    list.sort(compareEventIds)
    this.#events.set(key, list)
    if (token !== undefined) {
      this.#tokens.set(token, event)
    }
    return { event: structuredClone(event), $metadata: {} }
  }

  #listEvents(command: ListEventsCommand): ListEventsCommandOutput {
    const input = command.input
    const newestFirst = [...(this.#events.get(sessionKey(input.actorId!, input.sessionId!)) ?? [])].reverse()
    const start = input.nextToken === undefined ? 0 : Number(input.nextToken)
    const pageSize = input.maxResults ?? 100
    // maxResults counts scanned events, not matches, as the service does with filters.
    const scanned = newestFirst.slice(start, start + pageSize)
    const events = scanned
      .filter((event) => matches(event, input.filter))
      .map((event) => {
        const { payload, ...rest } = structuredClone(event)
        return input.includePayloads === false ? (rest as Event) : { ...rest, payload }
      })
    const next = start + pageSize
    return {
      events,
      ...(next < newestFirst.length ? { nextToken: String(next) } : {}),
      $metadata: {},
    }
  }

  #getEvent(command: GetEventCommand): GetEventCommandOutput {
    const input = command.input
    const list = this.#events.get(sessionKey(input.actorId!, input.sessionId!)) ?? []
    const event = list.find((candidate) => candidate.eventId === input.eventId)
    if (event === undefined) {
      throw eventNotFound(input.eventId)
    }
    return { event: structuredClone(event), $metadata: {} }
  }

  #deleteEvent(command: DeleteEventCommand): DeleteEventCommandOutput {
    const input = command.input
    const list = this.#events.get(sessionKey(input.actorId!, input.sessionId!)) ?? []
    const index = list.findIndex((event) => event.eventId === input.eventId)
    if (index === -1) {
      throw eventNotFound(input.eventId)
    }
    list.splice(index, 1)
    return { eventId: input.eventId, $metadata: {} }
  }

  #retrieve(command: RetrieveMemoryRecordsCommand): RetrieveMemoryRecordsCommandOutput {
    const input = command.input
    const path = (input.namespacePath ?? input.namespace ?? '').replace(/\/+$/, '')
    const topK = input.searchCriteria?.topK ?? 10
    const summaries: MemoryRecordSummary[] = this.#records
      .filter((record) => {
        const namespace = record.namespace.replace(/\/+$/, '')
        return namespace === path || namespace.startsWith(`${path}/`)
      })
      .sort((a, b) => (b.score ?? 0) - (a.score ?? 0))
      .slice(0, topK)
      .map((record) => ({
        memoryRecordId: record.memoryRecordId,
        content: { text: record.text },
        memoryStrategyId: record.memoryStrategyId,
        namespaces: [record.namespace],
        createdAt: new Date(0),
        ...(record.score === undefined ? {} : { score: record.score }),
      }))
    return { memoryRecordSummaries: summaries, $metadata: {} }
  }
}

function compareEventIds(a: Event, b: Event): number {
  if (a.eventId! < b.eventId!) {
    return -1
  }
  return a.eventId! > b.eventId! ? 1 : 0
}

function eventNotFound(eventId: string | undefined): Error {
  return Object.assign(new Error(`Unable to find event with id ${eventId}`), {
    name: 'ResourceNotFoundException',
    $metadata: { httpStatusCode: 404 },
  })
}

function sessionKey(actorId: string, sessionId: string): string {
  return `${actorId}\u0000${sessionId}`
}

function operationOf(command: AnyCommand): string {
  if (command instanceof CreateEventCommand) return 'CreateEvent'
  if (command instanceof ListEventsCommand) return 'ListEvents'
  if (command instanceof GetEventCommand) return 'GetEvent'
  if (command instanceof DeleteEventCommand) return 'DeleteEvent'
  return 'RetrieveMemoryRecords'
}

function matches(event: Event, filter: FilterInput | undefined): boolean {
  for (const expression of filter?.eventMetadata ?? []) {
    const key = expression.left?.metadataKey
    if (key === undefined) continue
    const value = event.metadata?.[key]
    const actual = value !== undefined && 'stringValue' in value ? value.stringValue : undefined
    if (expression.operator === 'EXISTS' && actual === undefined) return false
    if (expression.operator === 'NOT_EXISTS' && actual !== undefined) return false
    if (expression.operator === 'EQUALS_TO') {
      const expected = expression.right?.metadataValue
      const wanted = expected !== undefined && 'stringValue' in expected ? expected.stringValue : undefined
      if (actual !== wanted) return false
    }
  }
  return true
}
