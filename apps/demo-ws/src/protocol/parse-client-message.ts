import { ErrorCode } from './error-codes'
import { type ClientMessage, clientMessageSchema } from './messages'

/** Result of reading one client frame: the message, or the error code and reason to send back. */
export type ParseResult =
  | { ok: true; message: ClientMessage }
  | { ok: false; code: typeof ErrorCode.messageTooLarge | typeof ErrorCode.invalidMessage; message: string }

/**
 * Parses and validates one client frame. Frames longer than `maxBytes` are rejected before they are decoded,
 * and binary frames are rejected because the protocol is JSON text only.
 */
export function parseClientMessage(data: Buffer, isBinary: boolean, maxBytes: number): ParseResult {
  if (data.byteLength > maxBytes) {
    return {
      ok: false,
      code: ErrorCode.messageTooLarge,
      message: `Message of ${data.byteLength} bytes exceeds the limit of ${maxBytes} bytes; send a shorter prompt.`,
    }
  }
  if (isBinary) {
    return { ok: false, code: ErrorCode.invalidMessage, message: 'Binary frames are not supported; send JSON text.' }
  }

  let json: unknown
  try {
    json = JSON.parse(data.toString('utf8'))
  } catch {
    return { ok: false, code: ErrorCode.invalidMessage, message: 'Message is not valid JSON.' }
  }

  const parsed = clientMessageSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue && issue.path.length > 0 ? ` at "${issue.path.join('.')}"` : ''
    return {
      ok: false,
      code: ErrorCode.invalidMessage,
      message: `Invalid message${where}: ${issue?.message ?? 'unknown shape'}. Send {"type":"prompt","text":"..."} or {"type":"cancel"}.`,
    }
  }
  return { ok: true, message: parsed.data }
}
