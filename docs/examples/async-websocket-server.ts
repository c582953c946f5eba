import type { IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AgentCoreSessionError, type Logger } from '@agentcore-session/core'
import { AgentCoreMemorySessionManager } from '@agentcore-session/strands'
import type { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore'
import { Agent, type Model } from '@strands-agents/sdk'
import { type WebSocket, WebSocketServer } from 'ws'

/** Messages the server sends, one JSON object per WebSocket text frame. */
export type ServerMessage =
  | { type: 'history'; messages: { role: string; text: string }[] }
  | { type: 'token'; text: string }
  | { type: 'done'; stopReason: string }
  | { type: 'error'; message: string }

/** Options of {@link startChatServer}. */
export interface ChatServerOptions {
  /** AgentCore Memory data-plane client, pointed at AWS or at the emulator. */
  client: BedrockAgentCoreClient
  /** The AgentCore Memory id. */
  memoryId: string
  /** Builds the model of one conversation. */
  createModel: () => Model
  /** TCP port; 0 picks a free one. */
  port: number
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string
  /** Pino-compatible logger for connection errors; also passed to each memory session. Default: silent. */
  logger?: Logger
}

/** A running chat server. */
export interface ChatServer {
  /** The WebSocket URL, for example `ws://127.0.0.1:8080`. */
  readonly url: string
  /** Cancels running turns, flushes every session, closes every socket, then stops listening. */
  close(): Promise<void>
}

interface Conversation {
  readonly ids: { actorId: string; sessionId: string }
  readonly logger: Logger
  readonly socket: WebSocket
  readonly agent: Agent
  readonly memory: AgentCoreMemorySessionManager
  turn: Promise<void> | undefined
}

/**
 * Starts a WebSocket chat server: one Strands agent per connection, its history in AgentCore Memory in
 * async mode. Connect to `ws://host:port/?actorId=alice&sessionId=chat-1` and send `{"text":"..."}`.
 */
export async function startChatServer(options: ChatServerOptions): Promise<ChatServer> {
  const logger = options.logger ?? silentLogger
  const conversations = new Set<Conversation>()
  const wss = new WebSocketServer({ host: options.host ?? '127.0.0.1', port: options.port })
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve)
    wss.once('error', reject)
  })

  wss.on('connection', (socket, request) => {
    const ids = readIds(request)
    if (ids === undefined) {
      logger.info({ url: request.url }, 'Connection rejected: missing actorId or sessionId')
      socket.close(1008, 'actorId and sessionId query parameters are required')
      return
    }

    // Building the manager starts the restore (ListEvents) at once, so it overlaps with the user typing.
    // asyncMode: true hands every write to a background executor, so no hook waits for CreateEvent.
    let memory: AgentCoreMemorySessionManager
    try {
      memory = new AgentCoreMemorySessionManager({
        client: options.client,
        memoryId: options.memoryId,
        actorId: ids.actorId,
        sessionId: ids.sessionId,
        asyncMode: true,
        logger,
      })
    } catch (error) {
      // INVALID_OPTION when an id does not match the service's pattern. The close reason carries the code.
      logger.info({ ...ids, err: error }, 'Connection rejected: invalid session')
      socket.close(1008, AgentCoreSessionError.isInstance(error) ? error.code : 'invalid session')
      return
    }
    const agent = new Agent({ model: options.createModel(), printer: false, sessionManager: memory })
    const conversation: Conversation = { ids, logger, socket, agent, memory, turn: undefined }
    conversations.add(conversation)

    // Send the restored history as soon as the prefetch resolves.
    memory.prefetch().then(
      (restored) => {
        const messages = restored.messages.map(({ message }) => ({
          role: message.role,
          text: message.content.map((block) => ('text' in block ? block.text : '')).join(''),
        }))
        send(socket, { type: 'history', messages })
      },
      (error: unknown) => {
        logger.error({ ...ids, err: error }, 'Restore failed')
        send(socket, { type: 'error', message: 'The history could not be restored; reconnect to retry.' })
      },
    )

    socket.on('message', (data) => {
      const text = readPrompt(data.toString())
      if (text === undefined) {
        send(socket, { type: 'error', message: 'Expected a JSON object with a non-empty "text" string.' })
        return
      }
      if (conversation.turn !== undefined) {
        send(socket, { type: 'error', message: 'A turn is still streaming; wait for "done".' })
        return
      }
      conversation.turn = streamTurn(conversation, text).finally(() => {
        conversation.turn = undefined
      })
    })

    socket.on('close', () => {
      conversations.delete(conversation)
      void endConversation(conversation)
    })
  })

  const address = wss.address() as AddressInfo
  return {
    url: `ws://${address.address}:${address.port}`,
    async close() {
      // Flush on shutdown: every accepted write becomes durable before the process exits.
      const open = [...conversations]
      conversations.clear()
      await Promise.all(open.map((conversation) => endConversation(conversation)))
      for (const { socket } of open) socket.close(1001, 'server shutting down')
      await new Promise<void>((resolve, reject) => wss.close((error) => (error ? reject(error) : resolve())))
    },
  }
}

/** Streams one turn's text deltas to the socket. */
async function streamTurn(conversation: Conversation, text: string): Promise<void> {
  const { agent, socket } = conversation
  try {
    // Keep reading after a cancel: Strands ends the turn with an assistant message at the next safe point,
    // so the stored history never ends with an unanswered prompt.
    for await (const event of agent.stream(text)) {
      if (
        event.type === 'modelStreamUpdateEvent' &&
        event.event.type === 'modelContentBlockDeltaEvent' &&
        event.event.delta.type === 'textDelta'
      ) {
        send(socket, { type: 'token', text: event.event.delta.text })
      }
      if (event.type === 'agentResultEvent') {
        send(socket, { type: 'done', stopReason: event.result.stopReason })
      }
    }
  } catch (error) {
    conversation.logger.error({ ...conversation.ids, err: error }, 'Turn failed')
    send(socket, { type: 'error', message: 'The agent failed during this turn; send the prompt again.' })
  }
}

/** Cancels a running turn, then flushes and closes the memory session. */
async function endConversation(conversation: Conversation): Promise<void> {
  if (conversation.turn !== undefined) {
    conversation.agent.cancel()
    await conversation.turn
  }
  try {
    await conversation.memory.close()
  } catch (error) {
    // FLUSH_FAILED: a write failed after its retries; error.failures lists the message ids.
    conversation.logger.error({ ...conversation.ids, err: error }, 'Memory session failed to flush on close')
  }
}

const ignore = (): void => {}
const silentLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore }

function send(socket: WebSocket, message: ServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message))
}

function readIds(request: IncomingMessage): { actorId: string; sessionId: string } | undefined {
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams
  const actorId = query.get('actorId')
  const sessionId = query.get('sessionId')
  // In production, take the actor from an authenticated token, never from the URL.
  return actorId && sessionId ? { actorId, sessionId } : undefined
}

function readPrompt(frame: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(frame)
    if (typeof parsed === 'object' && parsed !== null && 'text' in parsed) {
      const text = (parsed as { text: unknown }).text
      if (typeof text === 'string' && text.trim() !== '') return text
    }
  } catch {
    // Not JSON; rejected below.
  }
  return undefined
}
