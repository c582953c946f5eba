import { AgentCoreSessionError } from '../errors/agentcore-session-error'

/**
 * The service limit that a payload exceeded. Only the request size can be exceeded by one message, because a
 * message takes at most two of an event's 100 payload items.
 */
export type PayloadLimit = 'requestBytes'

/**
 * Raised before any call when a message or an agent state cannot fit in one CreateEvent request.
 * The message names the limit and the message id, never the content.
 */
export class PayloadTooLargeError extends AgentCoreSessionError<'PAYLOAD_TOO_LARGE'> {
  /** The limit that was exceeded. */
  readonly limit: PayloadLimit
  /** The maximum that the limit allows, in bytes. */
  readonly maximum: number
  /** The measured size, in bytes. */
  readonly actual: number
  /** Id of the message that does not fit; absent for agent state. */
  readonly messageId: string | undefined

  constructor(fields: { limit: PayloadLimit; maximum: number; actual: number; messageId?: string }) {
    const subject = fields.messageId === undefined ? 'The agent state' : `Message '${fields.messageId}'`
    super(
      'PAYLOAD_TOO_LARGE',
      `${subject} needs ${fields.actual} bytes in one CreateEvent request, over the limit of ${fields.maximum} bytes. ` +
        'Store large binary content in S3 and reference it by location instead of inline bytes.',
    )
    this.name = 'PayloadTooLargeError'
    this.limit = fields.limit
    this.maximum = fields.maximum
    this.actual = fields.actual
    this.messageId = fields.messageId
  }
}
