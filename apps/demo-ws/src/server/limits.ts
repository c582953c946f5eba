import type { SendLimits } from './socket-sender'

/** Per-connection limits of the demo server. */
export interface DemoLimits extends SendLimits {
  /** Largest client message in bytes; longer ones get `message_too_large` and the connection stays open. */
  maxMessageBytes: number
  /** Prompts one connection may send in any 60-second window. */
  promptsPerMinute: number
  /** Interval of WebSocket pings in milliseconds; a client that misses one pong by the next ping is disconnected. */
  heartbeatMs: number
}

/** Defaults sized for a chat page: prompts of a few pages of text, a person typing. */
export const defaultLimits: DemoLimits = {
  maxMessageBytes: 16 * 1024,
  promptsPerMinute: 20,
  highWaterBytes: 64 * 1024,
  drainTimeoutMs: 10_000,
  heartbeatMs: 30_000,
}

/**
 * Hard cap for one frame, enforced by `ws` before the frame is buffered whole. Frames between the message limit
 * and this cap get a readable `message_too_large` error; larger ones close the socket with 1009.
 */
export function maxFrameBytes(limits: DemoLimits): number {
  return Math.max(4 * limits.maxMessageBytes, 64 * 1024)
}
