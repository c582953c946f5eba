import { type Emulator, startEmulator } from '@agentcore-session/emulator'
import { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AgentCoreSessionError, MemorySession, PayloadTooLargeError } from '../index'
import type { JsonValue } from '../json'
import type { ContentBlockData, MessageData } from '../message'
import { MAX_REQUEST_BYTES, REQUEST_ENVELOPE_BYTES } from './limits'
import type { StorageFormat } from './types'

// Random messages go through a real MemorySession, the real AWS SDK client and the emulator over HTTP, then come back
// through a second session's restore. Each message either round-trips exactly or is rejected before any CreateEvent.
//
// Lone surrogates round-trip exactly: JSON.stringify writes them as `\uD800` escapes, which are plain ASCII on the wire,
// and JSON.parse on the other side turns them back into the same UTF-16 unit.
// NOTE: that holds for the emulator; whether the service stores a lone surrogate in a conversational item's text
// unchanged is not documented.

const memoryId = 'property_memory-AAAAAAAAAA'
const payloadBudget = MAX_REQUEST_BYTES - REQUEST_ENVELOPE_BYTES

let emulator: Emulator
let client: BedrockAgentCoreClient
let sessionCount = 0

beforeAll(async () => {
  emulator = await startEmulator({ memories: [{ id: memoryId }] })
  client = new BedrockAgentCoreClient(emulator.clientConfig({ maxAttempts: 1 }))
})

afterAll(async () => {
  client?.destroy()
  await emulator?.close()
})

/** Text with lone surrogates, astral characters, control characters and the empty string. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('', ' ', '\n\t', '\uD800', 'a\uDC00b', '\uDBFF\uDFFF', '\u0000', '"\\', '</user_context>'),
)

/** Texts around the 100 000 code point limit of a conversational item, over it, and far over it. */
const hugeText = fc
  .record({ length: fc.constantFrom(99_999, 100_000, 100_001, 250_000), unit: fc.constantFrom('x', '😀', 'é') })
  .map(({ length, unit }) => unit.repeat(length))

/** Nests a value `depth` levels deep in alternating arrays and objects. */
function nest(depth: number, leaf: JsonValue): JsonValue {
  let value = leaf
  for (let level = 0; level < depth; level++) {
    value = level % 2 === 0 ? [value] : { [`k${level}`]: value }
  }
  return value
}

/** JSON as storage returns it: JSON.stringify turns -0 into 0. */
const json = fc
  .oneof(
    fc.jsonValue({ maxDepth: 4 }).map((value) => value as JsonValue),
    fc
      .record({ depth: fc.integer({ min: 10, max: 400 }), leaf: fc.jsonValue({ maxDepth: 1 }) })
      .map(({ depth, leaf }) => nest(depth, leaf as JsonValue)),
  )
  .map((value) => JSON.parse(JSON.stringify(value)) as JsonValue)

const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc.integer({ min: 0, max: 200_000 }).map((size) => new Uint8Array(size).map((_, index) => index % 251)),
)

const mediaFormat = fc.constantFrom('png', 'jpeg', 'gif', 'webp')

const block: fc.Arbitrary<ContentBlockData> = fc.oneof(
  hostileText.map((text) => ({ text })),
  hugeText.map((text) => ({ text })),
  fc
    .record({ name: fc.string({ minLength: 1, maxLength: 20 }), toolUseId: fc.string({ minLength: 1 }), input: json })
    .map((toolUse) => ({ toolUse })),
  fc
    .record({
      toolUseId: fc.string({ minLength: 1 }),
      status: fc.constantFrom('success' as const, 'error' as const),
      text: hostileText,
      value: json,
      image: bytes,
    })
    .map(({ toolUseId, status, text, value, image }) => ({
      toolResult: {
        toolUseId,
        status,
        content: [{ text }, { json: value }, { image: { format: 'png', source: { bytes: image } } }],
      },
    })),
  fc.record({ format: mediaFormat, bytes }).map(({ format, bytes }) => ({ image: { format, source: { bytes } } })),
  fc
    .record({ name: fc.string({ minLength: 1, maxLength: 20 }), bytes, text: hostileText })
    .chain(({ name, bytes, text }) =>
      fc.constantFrom(
        { document: { name, format: 'pdf', source: { bytes } } },
        { document: { name, format: 'txt', source: { text } } },
      ),
    ),
  fc.record({ format: fc.constantFrom('mp4', 'webm'), bytes }).map(({ format, bytes }) => ({
    video: { format, source: { bytes } },
  })),
  fc.record({ text: hostileText, signature: fc.string() }).map((reasoning) => ({ reasoning })),
  bytes.map((redactedContent) => ({ reasoning: { redactedContent } })),
  fc
    .record({ citations: fc.array(json, { maxLength: 3 }), text: hostileText })
    .map(({ citations, text }) => ({ citations: { citations, content: [{ text }] } })),
  hostileText.map((text) => ({ guardContent: { text: { text, qualifiers: ['query'] } } })),
  fc.constant({ cachePoint: { cacheType: 'default' as const } }),
)

const message: fc.Arbitrary<MessageData> = fc.record(
  {
    role: fc.constantFrom('user' as const, 'assistant' as const),
    content: fc.array(block, { maxLength: 4 }),
    metadata: fc.dictionary(fc.string({ maxLength: 10 }), json, { maxKeys: 3 }),
  },
  { requiredKeys: ['role', 'content'] },
)

/**
 * Returns the message as restore returns it. Blank text blocks are dropped on write, and the python layout has no
 * place for message metadata, as Strands Python messages have none.
 */
function expectedAfterRoundTrip(value: MessageData, storageFormat: StorageFormat): MessageData {
  const content = value.content.filter((item) => !('text' in item) || item.text.trim() !== '')
  if (storageFormat === 'python') return { role: value.role, content }
  return { ...value, content }
}

function newSession(sessionId: string, storageFormat: StorageFormat): MemorySession {
  return new MemorySession({ memoryId, actorId: 'property-actor', sessionId, client, storageFormat })
}

function createEventCount(): number {
  return emulator.requestCounts().CreateEvent ?? 0
}

// Each property makes dozens of calls through the emulator. On a loaded 2-core machine that can pass the
// default 20 s per test, so these tests get a longer timeout instead of fewer runs.
const propertyTimeoutMs = 120_000

describe('codec properties through the emulator', () => {
  for (const storageFormat of ['native', 'python'] as const) {
    it(
      `round-trips random messages (${storageFormat})`,
      async () => {
        await fc.assert(
          fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 4 }), async (messages) => {
            sessionCount += 1
            const sessionId = `property-${storageFormat}-${sessionCount}`
            const opening: MessageData = { role: 'user', content: [{ text: 'opening' }] }
            const writer = newSession(sessionId, storageFormat)
            for (const value of [opening, ...messages]) {
              await writer.appendMessage(value)
            }
            await writer.close()

            const restored = await newSession(sessionId, storageFormat).restore()
            const expected = [opening, ...messages]
              .map((value) => expectedAfterRoundTrip(value, storageFormat))
              .filter((value) => value.content.length > 0)
            expect(restored.skipped).toEqual([])
            expect(restored.messages.map((item) => item.message)).toEqual(expected)
          }),
          { numRuns: 25 },
        )
      },
      propertyTimeoutMs,
    )
  }

  // The AWS SDK reads integers beyond Number.MAX_SAFE_INTEGER in a document as bigint, which JSON.stringify rejects.
  it('restores unsafe integers as numbers', async () => {
    const sessionId = 'unsafe-integers'
    const writer = newSession(sessionId, 'native')
    const input = { big: 2 ** 53, bigger: -(2 ** 70), list: [Number.MAX_SAFE_INTEGER + 2] }
    await writer.appendMessage({ role: 'user', content: [{ text: 'opening' }] })
    await writer.appendMessage({ role: 'assistant', content: [{ toolUse: { name: 'n', toolUseId: 't1', input } }] })
    await writer.close()

    const restored = await newSession(sessionId, 'native').restore()

    expect(restored.messages[1]?.message.content).toEqual([{ toolUse: { name: 'n', toolUseId: 't1', input } }])
    expect(() => JSON.stringify(restored.messages)).not.toThrow()
  })

  it(
    'rejects oversized messages before any call',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: payloadBudget, max: payloadBudget + 2_000_000 }),
          fc.constantFrom('image', 'document', 'toolUse'),
          async (size, kind) => {
            sessionCount += 1
            const blockOfSize: ContentBlockData =
              kind === 'image'
                ? { image: { format: 'png', source: { bytes: new Uint8Array(size) } } }
                : kind === 'document'
                  ? { document: { name: 'big', format: 'txt', source: { text: 'd'.repeat(size) } } }
                  : { toolUse: { name: 'big', toolUseId: 't1', input: { data: 'j'.repeat(size) } } }
            const session = newSession(`oversized-${sessionCount}`, 'native')
            const before = createEventCount()

            const error = await session
              .appendMessage({ role: 'assistant', content: [blockOfSize] }, { id: 'big-1' })
              .then(
                () => undefined,
                (caught: unknown) => caught,
              )

            expect(PayloadTooLargeError.isInstance(error)).toBe(true)
            const tooLarge = error as PayloadTooLargeError
            expect(tooLarge.code).toBe('PAYLOAD_TOO_LARGE')
            expect(tooLarge.limit).toBe('requestBytes')
            expect(tooLarge.maximum).toBe(payloadBudget)
            expect(tooLarge.actual).toBeGreaterThan(payloadBudget)
            expect(tooLarge.message).toContain(`limit of ${payloadBudget} bytes`)
            expect(tooLarge.message).toContain("'big-1'")
            expect(createEventCount()).toBe(before)
            await session.close()
          },
        ),
        { numRuns: 6 },
      )
    },
    propertyTimeoutMs,
  )

  it(
    'rejects bytes that are not base64 before any call',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('not base64!', '%%%%', 'abc', '😀😀😀😀'), async (notBase64) => {
          sessionCount += 1
          const session = newSession(`bad-bytes-${sessionCount}`, 'native')
          const before = createEventCount()

          const error = await session
            .appendMessage({ role: 'user', content: [{ image: { format: 'png', source: { bytes: notBase64 } } }] })
            .then(
              () => undefined,
              (caught: unknown) => caught,
            )

          expect(AgentCoreSessionError.isInstance(error)).toBe(true)
          expect((error as AgentCoreSessionError).code).toBe('INVALID_MESSAGE')
          expect((error as Error).message).not.toContain(notBase64)
          expect(createEventCount()).toBe(before)
          await session.close()
        }),
        { numRuns: 4 },
      )
    },
    propertyTimeoutMs,
  )
})
