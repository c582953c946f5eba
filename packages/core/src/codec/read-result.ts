import type { MessageData } from '../message'
import type { AgentState } from './types'

/** Outcome of decoding one payload item. */
export type ItemResult =
  | { kind: 'message'; message: MessageData; id?: string }
  | { kind: 'state'; state: AgentState; agentId?: string }
  | { kind: 'ignored' }
  | { kind: 'invalid'; reason: string }

/** An item that contains nothing to restore and is not an error, such as a blank message or a session marker. */
export const IGNORED: ItemResult = Object.freeze({ kind: 'ignored' })
