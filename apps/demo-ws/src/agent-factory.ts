import { AgentCoreMemorySessionManager } from '@agentcore-session/strands'
import { Agent, BedrockModel, type Message, type Model } from '@strands-agents/sdk'
import type { Logger } from 'pino'
import { bindLogFields } from './bound-logger'
import type { ModelConfig } from './config'
import { createCurrentTimeTool } from './current-time-tool'
import { demoNamespaces, type MemoryBackend } from './memory-backend'
import { OfflineModel, type OfflineModelDelays } from './offline-model'
import type { SessionClaims } from './session-token'

/** One conversation's agent and the memory session behind it. */
export interface ConversationRuntime {
  /** The conversation's agent; one invocation at a time. */
  readonly agent: Agent
  /** Restored history; the restore starts when the runtime is created, before the first prompt. */
  readonly restored: Promise<readonly Message[]>
  /** Memory writes accepted but not yet durable. */
  pendingWrites(): number
  /** Waits for every write, then releases the session. */
  close(): Promise<void>
}

/** Creates the runtime of one conversation. */
export type ConversationFactory = (claims: SessionClaims) => ConversationRuntime

/** A model source with a label for the start-up log. */
export interface ModelFactory {
  /** Description of the model for the start-up log, for example `offline scripted model`. */
  readonly label: string
  /** Creates the model of one conversation. */
  create(): Model
}

/** System prompt for Bedrock models; the offline model ignores it. */
const systemPrompt =
  'You are a friendly assistant in a chat demo. Answer briefly. Use what you know about the user from earlier ' +
  'messages and from the provided memory context. Use the current_time tool when asked about the time.'

/** Creates the model factory for the configuration: Bedrock with `MODEL_ID`, else the offline model. */
export function createModelFactory(config: ModelConfig, offlineDelays?: OfflineModelDelays): ModelFactory {
  if (config.kind === 'bedrock') {
    const { modelId, region } = config
    return {
      label: `Amazon Bedrock model ${modelId}`,
      create: () => new BedrockModel(region ? { modelId, region } : { modelId }),
    }
  }
  return {
    label: 'offline scripted model',
    create: () => new OfflineModel(offlineDelays ? { delays: offlineDelays } : {}),
  }
}

/** Creates one agent with the demo's tools around a model. */
export function createDemoAgent(model: Model, sessionManager?: Agent['sessionManager']): Agent {
  return new Agent({
    model,
    systemPrompt,
    printer: false,
    tools: [createCurrentTimeTool()],
    ...(sessionManager ? { sessionManager } : {}),
  })
}

/** Options of {@link createConversationFactory}. */
export interface ConversationFactoryOptions {
  /** Memory that stores every conversation. */
  memory: Pick<MemoryBackend, 'memoryId' | 'client'>
  /** Model source. */
  models: ModelFactory
  /** Logger handed to each memory session, bound to its ids by the caller. */
  logger: Logger
}

/** Retrieval settings for the demo memory's two long-term namespaces. */
const retrievalConfig = {
  [demoNamespaces.facts]: { topK: 5, relevanceScore: 0.2 },
  [demoNamespaces.preferences]: { topK: 5, relevanceScore: 0.2 },
}

/**
 * Creates conversations backed by AgentCore Memory: one agent per conversation with an
 * `AgentCoreMemorySessionManager` in async or inline mode. The restore starts at once, so it overlaps the time
 * the user takes to type the first prompt.
 */
export function createConversationFactory(options: ConversationFactoryOptions): ConversationFactory {
  return (claims) => {
    const logger = options.logger.child({ actorId: claims.actorId, sessionId: claims.sessionId })
    const manager = new AgentCoreMemorySessionManager({
      memoryId: options.memory.memoryId,
      actorId: claims.actorId,
      sessionId: claims.sessionId,
      client: options.memory.client,
      asyncMode: claims.mode === 'async',
      retrievalConfig,
      // The memory session adds `sessionId` to some entries itself, so the ids are merged per entry, not bound.
      logger: bindLogFields(options.logger, {
        actorId: claims.actorId,
        sessionId: claims.sessionId,
        component: 'memory-session',
      }),
      onError: (error) => logger.error({ event: 'memory_write_failed', err: error }, 'memory write failed'),
    })
    // Starts the restore while the user types. A failure is not lost: `agent.initialize()` below awaits the same
    // promise, so it rejects `restored`, which the conversation reports as `restore_failed`.
    manager.prefetch().catch(() => {})
    const agent = createDemoAgent(options.models.create(), manager)
    // Initialising the agent applies the restored history to `agent.messages`. Turns wait for this promise
    // before streaming, so the agent is never initialised twice concurrently.
    const restored = agent.initialize().then(() => [...agent.messages])
    restored.catch(() => {})
    return {
      agent,
      restored,
      pendingWrites: () => manager.pendingWrites(),
      close: () => manager.close(),
    }
  }
}
