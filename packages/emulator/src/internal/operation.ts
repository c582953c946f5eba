import type { EmulatorLogger } from '../options'
import type { Database } from './database'
import type { MemoryRegistry } from './memory-registry'

/** The parsed request that an operation handler receives. */
export interface OperationRequest {
  /** Decoded path labels, for example `memoryId` and `actorId`. */
  labels: Record<string, string>
  /** Query string parameters. */
  query: URLSearchParams
  /** Parsed JSON body; `{}` when the request has none. */
  body: Record<string, unknown>
  /** Arrival time in epoch milliseconds. */
  now: number
  /** Ids that the request log records, filled in by handlers as they learn them. */
  logFields: { actorId?: string; sessionId?: string; clientToken?: string; memoryId?: string }
}

/** Result of an operation handler: a success status and a JSON body. */
export interface OperationResponse {
  status: number
  /** Body to serialize, or a `SerializedJson` that is sent as it is. */
  body: unknown
}

/**
 * A body that is already JSON text. `ListEvents` builds its response from the
 * stored payload JSON this way, so that large pages skip a parse and re-serialize.
 */
export class SerializedJson {
  constructor(readonly text: string) {}
}

/** Services that operation handlers share. */
export interface OperationContext {
  db: Database
  memories: MemoryRegistry
  /** Tells extraction that new input arrived for a memory. */
  notifyExtraction(memoryId: string): void
  /** Matching mode of the `namespace` parameter. */
  namespaceMatch: 'prefix' | 'exact'
  /** Region in the ARNs that the control plane returns. */
  region: string
  /** Receiver of warnings about skipped work. */
  logger?: EmulatorLogger | undefined
}

/** A function that serves one AWS operation. Throws `ApiError` for error responses. */
export type OperationHandler = (context: OperationContext, request: OperationRequest) => OperationResponse
