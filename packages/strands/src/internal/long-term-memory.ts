import { type MemoryContext, type MemorySession, queryTextOf } from '@agentcore-session/core'
import { type InvokeModelContext, Message, TextBlock } from '@strands-agents/sdk'
import { toSessionMessage } from './message-conversion'

interface PendingRetrieval {
  messageId: string
  context: Promise<MemoryContext | undefined>
}

/**
 * Retrieves long-term memory for each new user prompt and shows it to the model for that prompt's call.
 *
 * Retrieval starts when the prompt is added to the agent, so it overlaps the message write and the
 * agent's own work, and the model-input middleware awaits it just before the model call. Core bounds the
 * wait with `retrievalTimeoutMs`. The context block goes first in a per-call copy of the prompt message,
 * so it never enters `agent.messages` or a stored event. Calls that follow a tool result see no block,
 * because their latest message is the tool result, not the prompt.
 */
export class LongTermMemoryInjector {
  readonly #session: MemorySession
  #pending: PendingRetrieval | undefined

  constructor(session: MemorySession) {
    this.#session = session
  }

  /** Starts a retrieval when `message` is a user prompt with text; tool-result messages start none. */
  onMessageAdded(message: Message): void {
    if (message.role !== 'user') return
    if (message.content.some((block) => block.type === 'toolResultBlock')) return

    const query = queryTextOf(toSessionMessage(message).message)
    if (query === '') {
      this.#pending = undefined
      return
    }

    // retrieveContext never rejects by contract; the catch keeps a broken session from failing the turn.
    const context = this.#session.retrieveContext(query).catch(() => undefined)
    this.#pending = { messageId: message.trackingId, context }
  }

  /** Drops the pending retrieval, for example after a guardrail redacted the prompt it was made for. */
  discard(): void {
    this.#pending = undefined
  }

  /** The `InvokeModelStage.Input` middleware that folds the context block into the prompt. */
  readonly injectContext = async (context: InvokeModelContext): Promise<InvokeModelContext> => {
    const pending = this.#pending
    const latest = context.messages.at(-1)
    if (pending === undefined || latest === undefined || latest.trackingId !== pending.messageId) return context

    const retrieved = await pending.context
    if (retrieved?.text === undefined || retrieved.text === '') return context

    const folded = new Message({
      role: latest.role,
      content: [new TextBlock(retrieved.text), ...latest.content],
      trackingId: latest.trackingId,
      ...(latest.metadata !== undefined && { metadata: latest.metadata }),
    })
    return { ...context, messages: [...context.messages.slice(0, -1), folded] }
  }
}
