import { randomUUID } from 'node:crypto'
import type { Logger } from 'pino'
import type { WebSocket } from 'ws'
import type { ConversationRuntime } from '../agent-factory'
import { CloseCode, ErrorCode } from '../protocol/error-codes'
import type { ClientMessage } from '../protocol/messages'
import { parseClientMessage } from '../protocol/parse-client-message'
import { toServerMessages, toWireHistory } from '../protocol/stream-mapping'
import type { SessionClaims } from '../session-token'
import type { DemoLimits } from './limits'
import { SlidingWindowLimiter } from './rate-limiter'
import type { SessionHolder } from './session-registry'
import { SlowConsumerError, SocketSender } from './socket-sender'
import { TurnMeter } from './turn-metrics'

/** Everything one conversation needs from the server. */
export interface ConversationOptions {
  /** The accepted socket. */
  socket: WebSocket
  /** Identity of the session, taken from a verified token or freshly generated. */
  claims: SessionClaims
  /** Token to hand to the client for this session. */
  token: string
  /** Whether the session was resumed from a token. */
  resumed: boolean
  /** The agent and memory session of this conversation. */
  runtime: ConversationRuntime
  /** Connection limits. */
  limits: DemoLimits
  /** Logger bound to the connection id. */
  logger: Logger
}

const minute = 60_000
const closeGraceMs = 1_000

/**
 * One WebSocket connection with its agent: sends the session and restored history, runs one turn at a time,
 * forwards stream events, cancels the agent when the client cancels or disconnects, and closes the memory
 * session when the connection ends.
 */
export class Conversation implements SessionHolder {
  readonly #socket: WebSocket
  readonly #claims: SessionClaims
  readonly #runtime: ConversationRuntime
  readonly #limits: DemoLimits
  readonly #logger: Logger
  readonly #sender: SocketSender
  readonly #limiter: SlidingWindowLimiter
  readonly #ready: Promise<boolean>
  #turn: Promise<void> | undefined
  #closed: Promise<void> | undefined

  constructor(options: ConversationOptions) {
    this.#socket = options.socket
    this.#claims = options.claims
    this.#runtime = options.runtime
    this.#limits = options.limits
    this.#logger = options.logger
    this.#sender = new SocketSender(options.socket, options.limits)
    this.#limiter = new SlidingWindowLimiter(options.limits.promptsPerMinute, minute)
    this.#ready = this.#sendSession(options.token, options.resumed)

    this.#socket.on('message', (data, isBinary) => this.#onFrame(toBuffer(data), isBinary))
  }

  /** Ends the conversation after its socket closed: cancels a running turn, then closes the memory session. */
  end(): Promise<void> {
    this.#closed ??= this.#end()
    return this.#closed
  }

  /**
   * Ends the conversation because a newer connection resumed its session: cancels the turn (the client still
   * gets its `done`), flushes, then sends `session_opened_elsewhere` and closes the socket with 4409.
   */
  async handOver(): Promise<void> {
    this.#logger.info({ event: 'session_handed_over' }, 'another connection resumed the session; closing this one')
    await this.end()
    this.#sender.send({
      type: 'error',
      code: ErrorCode.sessionOpenedElsewhere,
      message:
        'This conversation was opened in another tab or client, so this connection is closed; reload to continue here.',
    })
    this.#socket.close(CloseCode.sessionOpenedElsewhere, ErrorCode.sessionOpenedElsewhere)
  }

  /**
   * Ends the conversation for a server shutdown: cancels the turn (the client still gets its `done`), flushes, then
   * sends `server_shutting_down` and closes the socket with 1001.
   */
  async shutdown(): Promise<void> {
    await this.end()
    this.#sender.send({
      type: 'error',
      code: ErrorCode.serverShuttingDown,
      message: 'The server is shutting down; reconnect in a moment to continue this conversation.',
    })
    this.#socket.close(CloseCode.goingAway, 'server shutting down')
  }

  async #end(): Promise<void> {
    if (this.#turn) {
      // Strands' cancel ends the turn at the next safe point and appends a closing assistant message, so the
      // stored history never ends with an unanswered prompt. The turn loop keeps draining the stream meanwhile.
      this.#runtime.agent.cancel()
      await this.#turn
    }
    try {
      await this.#runtime.close()
      this.#logger.info({ event: 'session_closed' }, 'memory session closed')
    } catch (error) {
      this.#logger.error({ event: 'session_close_failed', err: error }, 'memory session failed to flush on close')
    }
  }

  async #sendSession(token: string, resumed: boolean): Promise<boolean> {
    try {
      const messages = await this.#runtime.restored
      this.#sender.send({
        type: 'session',
        sessionId: this.#claims.sessionId,
        token,
        resumed,
        mode: this.#claims.mode,
        history: toWireHistory(messages),
      })
      this.#logger.info({ event: 'session_ready', resumed, restoredMessages: messages.length }, 'session ready')
      return true
    } catch (error) {
      const errorId = randomUUID()
      this.#logger.error({ event: 'restore_failed', errorId, err: error }, 'session restore failed')
      this.#sender.send({
        type: 'error',
        code: ErrorCode.restoreFailed,
        message: `The conversation history could not be restored (error id ${errorId}); reconnect to try again.`,
      })
      this.#socket.close(CloseCode.normal, 'restore failed')
      return false
    }
  }

  #onFrame(data: Buffer, isBinary: boolean): void {
    const parsed = parseClientMessage(data, isBinary, this.#limits.maxMessageBytes)
    if (!parsed.ok) {
      this.#logger.info({ event: 'message_rejected', code: parsed.code, bytes: data.byteLength }, 'message rejected')
      this.#sender.send({ type: 'error', code: parsed.code, message: parsed.message })
      return
    }
    this.#onMessage(parsed.message)
  }

  #onMessage(message: ClientMessage): void {
    if (message.type === 'cancel') {
      if (this.#turn) this.#runtime.agent.cancel()
      return
    }
    if (this.#closed) return

    const turnId = message.id ?? randomUUID()
    if (this.#turn) {
      this.#sender.send({
        type: 'error',
        code: ErrorCode.turnInProgress,
        turnId,
        message: 'A turn is still streaming; wait for its "done" message or send {"type":"cancel"} first.',
      })
      return
    }
    if (!this.#limiter.tryAcquire()) {
      this.#logger.info({ event: 'rate_limited', turnId }, 'prompt rejected by rate limit')
      this.#sender.send({
        type: 'error',
        code: ErrorCode.rateLimited,
        turnId,
        message: `More than ${this.#limits.promptsPerMinute} prompts in one minute; wait before sending another.`,
      })
      return
    }

    // The meter starts here, so a prompt that waits for the restore counts that wait in its time to first token.
    const meter = new TurnMeter()
    this.#turn = this.#runTurn(turnId, message.text, meter).finally(() => {
      this.#turn = undefined
    })
  }

  async #runTurn(turnId: string, text: string, meter: TurnMeter): Promise<void> {
    if (!(await this.#ready)) {
      meter.finish(this.#claims.mode, 0)
      return
    }
    const agent = this.#runtime.agent
    let stopReason = 'unknown'
    let failed = false
    this.#logger.info({ event: 'turn_started', turnId }, 'turn started')
    this.#logger.debug({ event: 'prompt', turnId, text }, 'prompt text')
    this.#sender.send({ type: 'turn_start', turnId })

    try {
      // Never `break` out of this loop: after a cancel the stream still has to run to its end, where Strands
      // closes the turn with an assistant message, so the stored history stays valid.
      for await (const event of agent.stream(text)) {
        for (const message of toServerMessages(event, turnId)) {
          if (message.type === 'token') meter.markToken()
          await this.#sendPaced(message, turnId)
        }
        if (event.type === 'agentResultEvent') stopReason = event.result.stopReason
      }
    } catch (error) {
      failed = true
      const errorId = randomUUID()
      this.#logger.error({ event: 'turn_failed', turnId, errorId, err: error }, 'turn failed')
      this.#sender.send({
        type: 'error',
        code: ErrorCode.turnFailed,
        turnId,
        message: `The agent failed during this turn (error id ${errorId}); send the prompt again.`,
      })
    }

    const metrics = meter.finish(this.#claims.mode, this.#runtime.pendingWrites())
    if (!failed) this.#sender.send({ type: 'done', turnId, stopReason, metrics })
    this.#logger.info({ event: 'turn_finished', turnId, stopReason, failed, ...metrics }, 'turn finished')
  }

  async #sendPaced(message: Parameters<SocketSender['sendPaced']>[0], turnId: string): Promise<void> {
    try {
      await this.#sender.sendPaced(message)
    } catch (error) {
      if (!(error instanceof SlowConsumerError)) throw error
      this.#logger.warn(
        { event: 'slow_consumer', turnId, bufferedBytes: error.bufferedBytes, waitedMs: error.waitedMs },
        'client reads too slowly; closing the connection',
      )
      this.#runtime.agent.cancel()
      this.#socket.close(CloseCode.slowConsumer, ErrorCode.slowConsumer)
      // A reader that stopped reading may never acknowledge the close frame either.
      setTimeout(() => this.#socket.terminate(), closeGraceMs).unref()
    }
  }
}

function toBuffer(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data)
  if (data instanceof ArrayBuffer) return Buffer.from(data)
  return data
}
