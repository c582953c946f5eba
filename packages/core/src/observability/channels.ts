import diagnosticsChannel from 'node:diagnostics_channel'

/**
 * Names of the `node:diagnostics_channel` channels that core publishes to.
 * Subscribe with `diagnostics_channel.subscribe(name, listener)`. Messages
 * carry ids, counts and timings, never message content.
 */
export const channelNames = {
  /** A write call (CreateEvent or DeleteEvent) starts: {@link WriteChannelMessage}. */
  writeStart: 'agentcore-session:write:start',
  /** A write call succeeded: {@link WriteChannelMessage} with `durationMs`. */
  writeEnd: 'agentcore-session:write:end',
  /** A write call failed: {@link WriteChannelMessage} with `durationMs` and `error`. */
  writeError: 'agentcore-session:write:error',
  /** A read call (ListEvents, GetEvent or RetrieveMemoryRecords) starts: {@link ReadChannelMessage}. */
  readStart: 'agentcore-session:read:start',
  /** A read call succeeded: {@link ReadChannelMessage} with `durationMs`. */
  readEnd: 'agentcore-session:read:end',
  /** A read call failed: {@link ReadChannelMessage} with `durationMs` and `error`. */
  readError: 'agentcore-session:read:error',
} as const

/** Identifies the session a call belongs to. */
export interface ChannelSessionFields {
  /** The memory id. */
  memoryId: string
  /** The actor id. */
  actorId: string
  /** The session id. */
  sessionId: string
}

/** Payload of the `agentcore-session:write:*` channels. */
export interface WriteChannelMessage extends ChannelSessionFields {
  /** The AWS operation. */
  operation: 'CreateEvent' | 'DeleteEvent'
  /** Number of payload items sent, for CreateEvent. */
  payloadItems?: number
  /** Attempt number, starting at 1. */
  attempt: number
  /** Call duration in milliseconds, on end and error. */
  durationMs?: number
  /** The error, on the error channel. */
  error?: unknown
}

/** Payload of the `agentcore-session:read:*` channels. */
export interface ReadChannelMessage extends ChannelSessionFields {
  /** The AWS operation. */
  operation: 'ListEvents' | 'GetEvent' | 'RetrieveMemoryRecords'
  /** The namespace path, for RetrieveMemoryRecords. */
  namespace?: string
  /** Number of events or records returned, on end. */
  count?: number
  /** Call duration in milliseconds, on end and error. */
  durationMs?: number
  /** The error, on the error channel. */
  error?: unknown
}

const writeStart = diagnosticsChannel.channel(channelNames.writeStart)
const writeEnd = diagnosticsChannel.channel(channelNames.writeEnd)
const writeError = diagnosticsChannel.channel(channelNames.writeError)
const readStart = diagnosticsChannel.channel(channelNames.readStart)
const readEnd = diagnosticsChannel.channel(channelNames.readEnd)
const readError = diagnosticsChannel.channel(channelNames.readError)

/**
 * Runs `call` and publishes start, end and error messages for it. Publishing
 * costs nothing when no one subscribes.
 */
export async function tracedWrite<T>(message: WriteChannelMessage, call: () => Promise<T>): Promise<T> {
  return traced(message, call, writeStart, writeEnd, writeError)
}

/** Like {@link tracedWrite}, for read calls. */
export async function tracedRead<T>(
  message: ReadChannelMessage,
  call: () => Promise<T>,
  count: (result: T) => number,
): Promise<T> {
  return traced(message, call, readStart, readEnd, readError, count)
}

async function traced<T, M extends object>(
  message: M,
  call: () => Promise<T>,
  start: diagnosticsChannel.Channel,
  end: diagnosticsChannel.Channel,
  failure: diagnosticsChannel.Channel,
  count?: (result: T) => number,
): Promise<T> {
  const startedAt = performance.now()
  if (start.hasSubscribers) {
    start.publish(message)
  }
  try {
    const result = await call()
    if (end.hasSubscribers) {
      const durationMs = performance.now() - startedAt
      end.publish(count === undefined ? { ...message, durationMs } : { ...message, durationMs, count: count(result) })
    }
    return result
  } catch (error) {
    if (failure.hasSubscribers) {
      failure.publish({ ...message, durationMs: performance.now() - startedAt, error })
    }
    throw error
  }
}
