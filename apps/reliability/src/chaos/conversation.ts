import type { Executor } from '@agentcore-session/core'
import { AgentCoreMemorySessionManager } from '@agentcore-session/strands'
import { ScriptedModel } from '@agentcore-session/strands/testing'
import type { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore'
import { Agent } from '@strands-agents/sdk'
import { textOf } from '../support/stored-messages'

/** Storage target of one conversation: client, memory and executor. */
export interface ConversationTarget {
  client: BedrockAgentCoreClient
  memoryId: string
  /** The executor that runs the writes; a shared `BackgroundExecutor` for async mode. */
  executor: Executor
}

/** Outcome of one turn. */
export interface TurnOutcome {
  /** Whether `agent.invoke` resolved. */
  ok: boolean
  /** Texts of the messages the agent added during the turn, in order. */
  texts: string[]
  /** Code or name of the error when the turn failed. */
  error?: string
}

/** One conversation: a real Strands agent with a scripted model and the AgentCore Memory session manager. */
export class Conversation {
  readonly actorId: string
  readonly sessionId: string
  readonly manager: AgentCoreMemorySessionManager
  readonly agent: Agent

  constructor(target: ConversationTarget, runId: string, index: number) {
    this.actorId = `chaos-actor-${index}`
    this.sessionId = `chaos-${runId}-${index}`
    const model = new ScriptedModel({
      // Each reply names the prompt it answers, so every stored text is unique within the run.
      turns: (messages) => ({ text: `reply to ${textOf(messages.at(-1)?.content)}` }),
      timeToFirstTokenMs: 2,
      tokenDelayMs: 1,
    })
    this.manager = new AgentCoreMemorySessionManager({
      memoryId: target.memoryId,
      actorId: this.actorId,
      sessionId: this.sessionId,
      client: target.client,
      executor: target.executor,
    })
    this.agent = new Agent({ model, printer: false, sessionManager: this.manager })
  }

  /** Runs one turn and reports which messages it added. */
  async turn(prompt: string): Promise<TurnOutcome> {
    const before = this.agent.messages.length
    try {
      await this.agent.invoke(prompt)
      return { ok: true, texts: this.#textsSince(before) }
    } catch (error) {
      return { ok: false, texts: this.#textsSince(before), error: errorCode(error) }
    }
  }

  /** Texts of every message the agent holds, in order. */
  texts(): string[] {
    return this.agent.messages.map((message) => textOf(message.content))
  }

  #textsSince(index: number): string[] {
    return this.agent.messages.slice(index).map((message) => textOf(message.content))
  }
}

function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code
  }
  return error instanceof Error ? error.name : typeof error
}
