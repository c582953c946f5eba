/**
 * Stable error codes that the server sends in `error` messages and HTTP rejections. Clients branch on these,
 * so a code is never renamed; the human-readable message next to it may change.
 */
export const ErrorCode = {
  /** The WebSocket handshake asked for a path other than `/ws` (HTTP 404). */
  notFound: 'not_found',
  /** The `Host` header of the WebSocket handshake names neither this server nor an allowed origin (HTTP 403). */
  hostNotAllowed: 'host_not_allowed',
  /** The `Origin` header of the WebSocket handshake is not in the allowed list (HTTP 403). */
  originNotAllowed: 'origin_not_allowed',
  /** The handshake's `mode` query parameter is neither `async` nor `inline` (HTTP 400). */
  invalidMode: 'invalid_mode',
  /** The session token is malformed, has a wrong signature, or has expired. The socket closes with 4401. */
  invalidToken: 'invalid_token',
  /** A client frame exceeds the maximum message size. */
  messageTooLarge: 'message_too_large',
  /** A client frame is not JSON or does not match any client message type. */
  invalidMessage: 'invalid_message',
  /** The connection sent more prompts per minute than allowed. */
  rateLimited: 'rate_limited',
  /** A prompt arrived while the previous turn is still streaming. */
  turnInProgress: 'turn_in_progress',
  /** The stored history could not be restored; the conversation cannot continue. */
  restoreFailed: 'restore_failed',
  /** The agent or the model failed during a turn. */
  turnFailed: 'turn_failed',
  /** The client reads slower than the server writes and its send buffer stayed full. The socket closes with 4408. */
  slowConsumer: 'slow_consumer',
  /**
   * Another connection resumed this session, for example the same page in a second tab. The running turn is
   * cancelled and flushed, then the socket closes with 4409.
   */
  sessionOpenedElsewhere: 'session_opened_elsewhere',
  /** The server is shutting down. The socket closes with 1001. */
  serverShuttingDown: 'server_shutting_down',
} as const

/** One of the stable error codes in {@link ErrorCode}. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

/** WebSocket close codes the server uses, besides the standard 1000, 1001 and 1009. */
export const CloseCode = {
  /** Normal closure. */
  normal: 1000,
  /** The server is shutting down. */
  goingAway: 1001,
  /** A frame exceeded the hard size cap, so `ws` closed the socket before the server could read it. */
  messageTooBig: 1009,
  /** The session token was rejected. */
  invalidToken: 4401,
  /** The client did not read its messages in time. */
  slowConsumer: 4408,
  /** Another connection resumed the session. */
  sessionOpenedElsewhere: 4409,
} as const
