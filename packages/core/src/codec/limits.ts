import type { PayloadType } from '@aws-sdk/client-bedrock-agentcore'

/** Maximum number of payload items in one CreateEvent request (service model constraint). */
export const MAX_PAYLOAD_ITEMS = 100

/**
 * Maximum length of a conversational item's text. The service model constrains it with Smithy's `length`
 * trait, which counts Unicode code points, so `countCodePoints` measures it, not `string.length` (UTF-16 units).
 */
export const MAX_CONVERSATIONAL_CHARS = 100_000

/**
 * Maximum size of one CreateEvent request body in UTF-8 bytes.
 * NOTE: an estimate; the service does not document a request limit, and 10 MB is what other clients assume.
 */
export const MAX_REQUEST_BYTES = 10_000_000

/**
 * Bytes of the request body kept free for everything besides the payload: actorId (255), sessionId (100),
 * clientToken, eventTimestamp, branch and up to 15 metadata entries of at most 384 characters each.
 */
export const REQUEST_ENVELOPE_BYTES = 16_384

/** Counts the Unicode code points of `text`; a surrogate pair counts once, as the service counts it. */
export function countCodePoints(text: string): number {
  let count = 0
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index)
    if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1)
      if (next >= 0xdc00 && next <= 0xdfff) index++
    }
    count++
  }
  return count
}

/**
 * Tells whether `text` can be a conversational item's text. It must be non-empty and within 100 000 code points,
 * the service model's limit. It must also be within 100 000 UTF-16 units, a stricter bound that is met as well
 * for a validator counting UTF-16 units (as Java's `String.length` and this repository's emulator count).
 * NOTE: which unit the service's validator counts is not documented. Meeting both bounds means a CreateEvent never
 * fails over the conversational copy, at the cost of leaving it out for long texts outside the BMP.
 */
export function fitsConversationalText(text: string): boolean {
  return text.length > 0 && text.length <= MAX_CONVERSATIONAL_CHARS && countCodePoints(text) <= MAX_CONVERSATIONAL_CHARS
}

/** Measures the UTF-8 size of one payload item as the AWS SDK serialises it, plus its separator in the list. */
export function payloadItemBytes(item: PayloadType): number {
  return Buffer.byteLength(JSON.stringify(item), 'utf8') + 1
}
