import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { fileURLToPath } from 'node:url'
import type { Logger } from 'pino'
import { type WebSocket, WebSocketServer } from 'ws'
import type { ConversationFactory } from '../agent-factory'
import { CloseCode, ErrorCode } from '../protocol/error-codes'
import type { MemoryMode } from '../protocol/messages'
import type { SessionClaims, SessionTokens } from '../session-token'
import { Conversation } from './conversation'
import { type DemoLimits, defaultLimits, maxFrameBytes } from './limits'
import { type HandshakePolicy, isHostAllowed, isOriginAllowed } from './origin-policy'
import { SessionRegistry } from './session-registry'
import { serveStatic } from './static-files'

/** Options of {@link startDemoServer}. */
export interface DemoServerOptions {
  /** Interface to listen on. */
  host: string
  /** TCP port; 0 picks a free port. */
  port: number
  /** Creates the agent and memory session of each conversation. */
  createConversation: ConversationFactory
  /** Issues and verifies session tokens. */
  tokens: SessionTokens
  /** Structured logger. */
  logger: Logger
  /** Allowed WebSocket origins; same-origin when absent. */
  allowedOrigins?: readonly string[] | undefined
  /** Overrides of {@link defaultLimits}. */
  limits?: Partial<DemoLimits>
  /** Folder of the page's files; the app's `public/` folder by default. */
  publicDir?: string
  /** Mode of new conversations when the client does not ask for one; `async` by default. */
  defaultMode?: MemoryMode
}

/** A running demo server. */
export interface DemoServer {
  /** Base URL of the page, for example `http://127.0.0.1:8787/`. */
  readonly url: string
  /** Port the server listens on. */
  readonly port: number
  /** Number of open conversations. */
  conversationCount(): number
  /**
   * Stops accepting connections, cancels running turns, flushes every session, closes every socket, and
   * resolves when the port is free.
   */
  close(): Promise<void>
}

/** WebSocket endpoint path. */
export const socketPath = '/ws'

const defaultPublicDir = fileURLToPath(new URL('../../public', import.meta.url))

/**
 * Starts the HTTP server with the chat page and the WebSocket endpoint. Query parameters of the endpoint:
 * `token` resumes the session it names, `new=1` with a token starts a new session for the same actor, and
 * `mode=async|inline` picks the memory mode of a new session.
 */
export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const limits: DemoLimits = { ...defaultLimits, ...options.limits }
  const logger = options.logger
  const publicDir = options.publicDir ?? defaultPublicDir
  const conversations = new Set<Conversation>()
  const sessions = new SessionRegistry<Conversation>()
  // The port is known once the server listens, which happens before the first handshake.
  const handshakePolicy: HandshakePolicy = {
    host: options.host,
    port: options.port,
    allowedOrigins: options.allowedOrigins,
  }
  let closing: Promise<void> | undefined

  const httpServer = createServer((request, response) => {
    serveStatic(publicDir, request, response).catch((error: unknown) => {
      const errorId = randomUUID()
      logger.error({ event: 'http_error', errorId, err: error, path: request.url }, 'static file failed')
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
      response.end(`Internal error (error id ${errorId}).\n`)
    })
  })
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes(limits) })

  // A peer that vanished without closing (a sleeping laptop, a dropped network) would otherwise keep its
  // conversation open forever, so each socket must return a pong before the next ping.
  const awaitingPong = new WeakSet<WebSocket>()
  const socketLoggers = new WeakMap<WebSocket, Logger>()
  const heartbeat = setInterval(() => {
    for (const socket of wss.clients) {
      if (awaitingPong.has(socket)) {
        const socketLogger = socketLoggers.get(socket) ?? logger
        socketLogger.info({ event: 'heartbeat_timeout' }, 'client missed a ping; terminating the connection')
        socket.terminate()
        continue
      }
      awaitingPong.add(socket)
      socket.ping()
    }
  }, limits.heartbeatMs)
  heartbeat.unref()

  httpServer.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    // Until `ws` takes the socket over, nothing else listens for its errors, and an unhandled one (a client
    // resetting mid-handshake) would crash the process.
    socket.on('error', (error) =>
      logger.debug({ event: 'handshake_socket_error', err: error }, 'handshake socket error'),
    )
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (url.pathname !== socketPath) {
      rejectHandshake(socket, 404, ErrorCode.notFound, `No WebSocket endpoint at ${url.pathname}; use ${socketPath}.`)
      return
    }
    if (closing) {
      rejectHandshake(socket, 503, ErrorCode.serverShuttingDown, 'The server is shutting down; reconnect in a moment.')
      return
    }
    const origin = request.headers.origin
    const host = request.headers.host
    if (!isHostAllowed(host, origin, handshakePolicy)) {
      logger.warn({ event: 'host_rejected', host, origin }, 'WebSocket handshake rejected: host not allowed')
      rejectHandshake(
        socket,
        403,
        ErrorCode.hostNotAllowed,
        `Host ${host ?? '(none)'} is not this server; open the page at http://127.0.0.1:${handshakePolicy.port}/ or add its origin to DEMO_ALLOWED_ORIGINS.`,
      )
      return
    }
    if (!isOriginAllowed(origin, handshakePolicy)) {
      logger.warn({ event: 'origin_rejected', origin }, 'WebSocket handshake rejected: origin not allowed')
      rejectHandshake(
        socket,
        403,
        ErrorCode.originNotAllowed,
        `Origin ${origin ?? '(none)'} is not allowed; open the page from this server or add the origin to DEMO_ALLOWED_ORIGINS.`,
      )
      return
    }
    const mode = url.searchParams.get('mode')
    if (mode !== null && mode !== 'async' && mode !== 'inline') {
      rejectHandshake(
        socket,
        400,
        ErrorCode.invalidMode,
        `Memory mode ${JSON.stringify(mode.slice(0, 40))} is unknown; use mode=async or mode=inline, or leave it out.`,
      )
      return
    }
    wss.handleUpgrade(request, socket, head, (webSocket) => onConnection(webSocket, url))
  })

  function onConnection(socket: WebSocket, url: URL): void {
    const connectionId = randomUUID()
    const connectionLogger = logger.child({ connectionId })
    const start = resolveSession(url, options.tokens, options.defaultMode ?? 'async')
    if (!start.ok) {
      connectionLogger.warn({ event: 'token_rejected', reason: start.reason }, 'session token rejected')
      socket.send(
        JSON.stringify({
          type: 'error',
          code: ErrorCode.invalidToken,
          message: 'The session token is invalid or expired; drop it and connect without a token to start over.',
        }),
      )
      socket.close(CloseCode.invalidToken, ErrorCode.invalidToken)
      return
    }

    const { claims, resumed } = start
    const sessionLogger = connectionLogger.child({ actorId: claims.actorId, sessionId: claims.sessionId })
    sessionLogger.info({ event: 'connected', resumed, mode: claims.mode }, 'client connected')
    socketLoggers.set(socket, sessionLogger)
    socket.on('pong', () => awaitingPong.delete(socket))
    socket.on('error', (error) => logSocketError(sessionLogger, error))

    // Frames that arrive while an earlier connection hands the session over stay in the TCP buffer until the
    // conversation listens for them.
    socket.pause()
    const lease = sessions.claim(`${claims.actorId}\n${claims.sessionId}`)
    let conversation: Conversation | undefined
    socket.on('close', (code) => {
      sessionLogger.info({ event: 'disconnected', code }, 'client disconnected')
      if (!conversation) return
      const ended = conversation
      void ended.end().finally(() => {
        conversations.delete(ended)
        lease.release()
      })
    })

    void lease.ready.then((mayStart) => {
      if (mayStart) conversation = startConversation(socket, claims, resumed, sessionLogger)
      else closeSuperseded(socket, sessionLogger)
      lease.settle(conversation)
      if (conversation) conversations.add(conversation)
      else lease.release()
      socket.resume()
    })
  }

  /** Creates the conversation of an accepted socket, or closes the socket when it cannot start. */
  function startConversation(
    socket: WebSocket,
    claims: SessionClaims,
    resumed: boolean,
    sessionLogger: Logger,
  ): Conversation | undefined {
    if (socket.readyState !== socket.OPEN) return undefined
    if (closing) {
      socket.send(
        JSON.stringify({
          type: 'error',
          code: ErrorCode.serverShuttingDown,
          message: 'The server is shutting down; reconnect in a moment.',
        }),
      )
      socket.close(CloseCode.goingAway, 'server shutting down')
      return undefined
    }
    try {
      const runtime = options.createConversation(claims)
      return new Conversation({
        socket,
        claims,
        token: options.tokens.issue(claims),
        resumed,
        runtime,
        limits,
        logger: sessionLogger,
      })
    } catch (error) {
      const errorId = randomUUID()
      sessionLogger.error({ event: 'conversation_failed', errorId, err: error }, 'conversation could not start')
      socket.send(
        JSON.stringify({
          type: 'error',
          code: ErrorCode.restoreFailed,
          message: `The conversation could not start (error id ${errorId}); reconnect to try again.`,
        }),
      )
      socket.close(CloseCode.normal, ErrorCode.restoreFailed)
      return undefined
    }
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject)
    httpServer.listen(options.port, options.host, () => {
      httpServer.off('error', reject)
      resolve()
    })
  })
  const address = httpServer.address() as AddressInfo
  handshakePolicy.port = address.port
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address

  async function shutdown(): Promise<void> {
    clearInterval(heartbeat)
    const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()))
    await Promise.all([...conversations].map((conversation) => conversation.shutdown()))
    wss.close()
    httpServer.closeAllConnections()
    await stopped
  }

  return {
    url: `http://${hostForUrl}:${address.port}/`,
    port: address.port,
    conversationCount: () => conversations.size,
    close: () => {
      closing ??= shutdown()
      return closing
    },
  }
}

/**
 * Logs an error of an open socket. `ws` raises errors with a `WS_ERR_` code when the client breaks the protocol
 * (a frame over the size cap, invalid UTF-8), and then closes the socket itself. Those are expected client
 * mistakes, so they are logged at info without a stack.
 */
function logSocketError(logger: Logger, error: Error): void {
  const code = (error as NodeJS.ErrnoException).code
  if (code?.startsWith('WS_ERR_')) {
    logger.info({ event: 'client_protocol_error', code, reason: error.message }, 'client broke the WebSocket protocol')
    return
  }
  logger.warn({ event: 'socket_error', err: error }, 'socket error')
}

/** Closes a socket whose session a newer connection claimed before this one's conversation started. */
function closeSuperseded(socket: WebSocket, logger: Logger): void {
  logger.info({ event: 'session_handed_over' }, 'a newer connection resumed the session before this one started')
  if (socket.readyState !== socket.OPEN) return
  socket.send(
    JSON.stringify({
      type: 'error',
      code: ErrorCode.sessionOpenedElsewhere,
      message:
        'This conversation was opened in another tab or client, so this connection is closed; reload to continue here.',
    }),
  )
  socket.close(CloseCode.sessionOpenedElsewhere, ErrorCode.sessionOpenedElsewhere)
}

type SessionStart = { ok: true; claims: SessionClaims; resumed: boolean } | { ok: false; reason: string }

/** Chooses the session of a new connection from its query: resume, new session for the same actor, or new actor. */
function resolveSession(url: URL, tokens: SessionTokens, defaultMode: MemoryMode): SessionStart {
  const requestedMode = url.searchParams.get('mode')
  const mode: MemoryMode = requestedMode === 'inline' || requestedMode === 'async' ? requestedMode : defaultMode
  const token = url.searchParams.get('token')

  if (token === null || token === '') {
    return { ok: true, resumed: false, claims: { actorId: newId('user'), sessionId: newId('session'), mode } }
  }
  const verified = tokens.verify(token)
  if (!verified.ok) return { ok: false, reason: verified.reason }

  const { actorId, sessionId } = verified.claims
  if (url.searchParams.get('new') === '1') {
    return { ok: true, resumed: false, claims: { actorId, sessionId: newId('session'), mode } }
  }
  return { ok: true, resumed: true, claims: { actorId, sessionId, mode: verified.claims.mode } }
}

function newId(prefix: string): string {
  return `${prefix}-${randomUUID()}`
}

const statusTexts: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  503: 'Service Unavailable',
}

function rejectHandshake(socket: Socket, status: number, code: string, message: string): void {
  const body = JSON.stringify({ type: 'error', code, message })
  const reason = statusTexts[status] ?? 'Error'
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  )
}
