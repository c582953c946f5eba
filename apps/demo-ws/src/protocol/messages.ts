import { z } from 'zod'
import type { ErrorCode } from './error-codes'

/** Persistence mode of a conversation: writes behind the caller (`async`) or before the model call (`inline`). */
export type MemoryMode = 'async' | 'inline'

/** Schema of a prompt: the user's text for one turn, with an optional client-chosen id echoed in the replies. */
export const promptMessageSchema = z.object({
  type: z.literal('prompt'),
  text: z.string().trim().min(1, 'prompt text is empty'),
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'id must be 1 to 64 letters, digits, "_" or "-"')
    .optional(),
})

/** Schema of a cancel request for the running turn. */
export const cancelMessageSchema = z.object({ type: z.literal('cancel') })

/** Schema of every message a client may send. */
export const clientMessageSchema = z.discriminatedUnion('type', [promptMessageSchema, cancelMessageSchema])

/** A message from the browser to the server. */
export type ClientMessage = z.infer<typeof clientMessageSchema>

/** One content block of a history message, reduced to what the page renders. */
export type WireBlock =
  | { type: 'text'; text: string }
  | { type: 'toolUse'; toolUseId: string; name: string; input: unknown }
  | { type: 'toolResult'; toolUseId: string; status: 'success' | 'error'; content: unknown[] }

/** One restored message of the conversation. */
export interface WireMessage {
  /** `user` for prompts and tool results, `assistant` for the model's replies. */
  role: 'user' | 'assistant'
  /** Content blocks in order. Blocks the page cannot show (images, reasoning) are left out. */
  blocks: WireBlock[]
}

/** Per-turn measurements sent with `done`. */
export interface TurnMetrics {
  /** Milliseconds from receiving the prompt to sending its first token, or `null` when no token was produced. */
  timeToFirstTokenMs: number | null
  /** Milliseconds from receiving the prompt to the end of the turn. */
  turnMs: number
  /** Event loop delay sampled during the turn: the maximum and the 99th percentile, in milliseconds. */
  eventLoopDelay: { maxMs: number; p99Ms: number }
  /** Memory writes accepted but not yet durable when the turn ended (always 0 in inline mode). */
  pendingWrites: number
  /** Memory mode of the conversation. */
  mode: MemoryMode
}

/** A message from the server to the browser. */
export type ServerMessage =
  | {
      type: 'session'
      /** Session id, shown for reference only; clients resume with `token`. */
      sessionId: string
      /** Signed token to store and present on the next connection. */
      token: string
      /** Whether the connection resumed a stored session. */
      resumed: boolean
      /** Memory mode of this conversation. */
      mode: MemoryMode
      /** Restored messages, oldest first. Empty for a new session. */
      history: WireMessage[]
    }
  | { type: 'turn_start'; turnId: string }
  | { type: 'token'; turnId: string; text: string }
  | { type: 'tool_call'; turnId: string; toolUseId: string; name: string; input: unknown }
  | { type: 'tool_result'; turnId: string; toolUseId: string; status: 'success' | 'error'; content: unknown[] }
  | { type: 'done'; turnId: string; stopReason: string; metrics: TurnMetrics }
  | { type: 'error'; code: ErrorCode; message: string; turnId?: string }
