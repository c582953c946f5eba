import { AgentCoreMemorySessionManager } from '@agentcore-session/strands'
import type { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore'
import { Agent, FileStorage, type MessageData, SessionManager } from '@strands-agents/sdk'
import { createModel, type ModelTiming, weatherTool } from './conversation-script'

/** The ways a conversation can keep its memory, compared side by side. */
export const modeNames = ['no-memory', 'inline', 'async', 'async-batched', 'strands-file'] as const

/** One of {@link modeNames}. */
export type ModeName = (typeof modeNames)[number]

/** Description of each mode, for the report. */
export const modeDescriptions: Record<ModeName, string> = {
  'no-memory': 'No session manager: the floor.',
  inline:
    '`AgentCoreMemorySessionManager` with the default `InlineExecutor`: each write is durable before the agent goes on.',
  async: '`asyncMode: true`: a `BackgroundExecutor` writes behind the agent.',
  'async-batched': '`asyncMode: true` with `batchSize: 8` and `flushIntervalMs: 1000`.',
  'strands-file':
    "Strands' own `SessionManager` with its `FileStorage` (snapshot of the whole agent after each invocation), the peer a TypeScript user would otherwise pick.",
}

/** Batch settings of the `async-batched` mode. */
export const batchedOptions = { batchSize: 8, flushIntervalMs: 1_000 } as const

/** Dependencies of a conversation on the scenario that runs it. */
export interface ConversationContext {
  /** Client aimed at the emulator. */
  client: BedrockAgentCoreClient
  memoryId: string
  actorId: string
  /** Session id, `[a-z0-9_-]` only, because Strands' own session manager accepts nothing else. */
  sessionId: string
  /** Folder of the `strands-file` mode's snapshots. */
  fileStorageDir: string
  timing: ModelTiming
  /** Messages the agent starts with, for the long-history scenario. */
  messages?: MessageData[]
  /** Restore only the newest N messages, in the AgentCore modes. */
  restoreLimit?: number
}

/** One conversation: an agent and the session manager of its mode. */
export interface Conversation {
  mode: ModeName
  agent: Agent
  /** The AgentCore manager, in the modes that have one. */
  manager?: AgentCoreMemorySessionManager
  /** Waits for the session's restore, as a server does when a connection opens, before the first prompt. */
  open(): Promise<void>
  /** Makes every write durable and stops the manager's executor. */
  close(): Promise<void>
}

/** Builds a conversation in `mode`. */
export function createConversation(mode: ModeName, context: ConversationContext): Conversation {
  const model = createModel(context.timing)
  const base = { model, printer: false, tools: [weatherTool], ...(context.messages && { messages: context.messages }) }

  if (mode === 'no-memory') {
    const agent = new Agent(base)
    return { mode, agent, open: async () => {}, close: async () => {} }
  }

  if (mode === 'strands-file') {
    const sessionManager = new SessionManager({
      sessionId: context.sessionId,
      storage: { snapshot: new FileStorage(context.fileStorageDir) },
    })
    const agent = new Agent({ ...base, sessionManager })
    return { mode, agent, open: async () => {}, close: async () => {} }
  }

  const manager = new AgentCoreMemorySessionManager({
    client: context.client,
    memoryId: context.memoryId,
    actorId: context.actorId,
    sessionId: context.sessionId,
    ...(mode !== 'inline' && { asyncMode: true }),
    ...(mode === 'async-batched' && batchedOptions),
    ...(context.restoreLimit !== undefined && { restoreLimit: context.restoreLimit }),
  })
  const agent = new Agent({ ...base, sessionManager: manager })
  return {
    mode,
    agent,
    manager,
    open: async () => {
      await manager.prefetch()
    },
    close: () => manager.close(),
  }
}
