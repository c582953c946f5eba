import { AgentCoreSessionError } from '../errors/agentcore-session-error'

/** The service limit that a payload exceeded. */
export type PayloadLimit = 'requestBytes' | 'payloadItems'

/**
 * Raised before any call when a message or an agent state cannot fit in one CreateEvent request.
 * The message names the limit and the message id, never the content.
 */
export class PayloadTooLargeError extends AgentCoreSessionError<'PAYLOAD_TOO_LARGE'> {
  /** The limit that was exceeded. */
  readonly limit: PayloadLimit
  /** The maximum that the limit allows, in bytes or items. */
  readonly maximum: number
  /** The measured size, in the same unit as `maximum`. */
  readonly actual: number
  /** Id of the message that does not fit; absent for agent state. */
  readonly messageId: string | undefined

  constructor(fields: { limit: PayloadLimit; maximum: number; actual: number; messageId?: string }) {
    const subject = fields.messageId === undefined ? 'The agent state' : `Message '${fields.messageId}'`
    const unit = fields.limit === 'requestBytes' ? 'bytes' : 'payload items'
    super(
      'PAYLOAD_TOO_LARGE',
      `${subject} needs ${fields.actual} ${unit} in one CreateEvent request, over the limit of ${fields.maximum} ${unit}. ` +
        'Store large binary content in S3 and reference it by location instead of inline bytes.',
    )
    this.name = 'PayloadTooLargeError'
    this.limit = fields.limit
    this.maximum = fields.maximum
    this.actual = fields.actual
    this.messageId = fields.messageId
  }
}
