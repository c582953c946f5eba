import type {
  CreateEventCommand,
  CreateEventCommandOutput,
  DeleteEventCommand,
  DeleteEventCommandOutput,
  GetEventCommand,
  GetEventCommandOutput,
  ListEventsCommand,
  ListEventsCommandOutput,
  RetrieveMemoryRecordsCommand,
  RetrieveMemoryRecordsCommandOutput,
} from '@aws-sdk/client-bedrock-agentcore'

/** Per-call options that core passes to `send`. */
export interface SendOptions {
  /** Aborts the call, used for the retrieval deadline. */
  abortSignal?: AbortSignal
}

/**
 * The part of `BedrockAgentCoreClient` that core calls. A
 * `BedrockAgentCoreClient` satisfies it, and so does the in-memory backend
 * from `@agentcore-session/core/testing`.
 */
export interface MemoryClient {
  send(command: CreateEventCommand, options?: SendOptions): Promise<CreateEventCommandOutput>
  send(command: ListEventsCommand, options?: SendOptions): Promise<ListEventsCommandOutput>
  send(command: DeleteEventCommand, options?: SendOptions): Promise<DeleteEventCommandOutput>
  send(command: GetEventCommand, options?: SendOptions): Promise<GetEventCommandOutput>
  send(command: RetrieveMemoryRecordsCommand, options?: SendOptions): Promise<RetrieveMemoryRecordsCommandOutput>
}
