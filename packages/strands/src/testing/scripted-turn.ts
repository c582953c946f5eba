import type { JSONValue, MessageData, StopReason, Usage } from '@strands-agents/sdk'

/** A tool call that a scripted turn requests from the agent. */
export interface ScriptedToolUse {
  /** Name of a tool registered on the agent. */
  name: string
  /** Tool input, sent to the agent as streamed JSON. */
  input: JSONValue
  /** Tool-use id. Defaults to `tooluse_<call index>_<position>`, so ids are stable across runs. */
  toolUseId?: string
}

/** The reply the model streams for one `stream()` call. */
export interface ScriptedTurn {
  /**
   * Text the model streams. A string is split into word tokens (each word with its trailing whitespace);
   * an array is streamed one element per delta.
   */
  text?: string | readonly string[]
  /** Tool calls streamed after the text, in order. */
  toolUses?: readonly ScriptedToolUse[]
  /** Stop reason. Defaults to `'toolUse'` when the turn has tool calls, else `'endTurn'`. */
  stopReason?: StopReason
  /** Delay before the first event of this turn, in milliseconds. Overrides the model's default. */
  timeToFirstTokenMs?: number
  /** Delay between two deltas of this turn, in milliseconds. Overrides the model's default. */
  tokenDelayMs?: number
  /**
   * Replacement text for the latest user message, as a guardrail that blocked the input sends it.
   * The agent then rewrites that message and reports the redaction in `AfterModelCallEvent`.
   */
  redactInput?: string
  /** Token usage reported in the metadata event. Missing counts are estimated from the characters. */
  usage?: Partial<Usage>
  /** An error that `stream()` throws after the time to first token, in place of a reply. */
  error?: Error
}

/** Information about a `stream()` call that a responder function receives. */
export interface ScriptedCallInfo {
  /** Zero-based index of this call on the model. */
  index: number
  /** Names of the tools the agent offered. */
  toolNames: readonly string[]
}

/** Picks the turn to play from the conversation the model receives. */
export type ScriptedResponder = (messages: readonly MessageData[], call: ScriptedCallInfo) => ScriptedTurn

/**
 * Splits text into word tokens, each with its trailing whitespace (leading whitespace goes with the first word),
 * so joining the tokens gives the text back.
 */
export function splitIntoTokens(text: string): string[] {
  return text.match(/\s*\S+\s*|\s+/g) ?? []
}
