import { Message, TextBlock } from '@strands-agents/sdk'
import { describe, expect, it, vi } from 'vitest'
import { fromSessionMessage, toSessionMessage } from './message-conversion'

describe('toSessionMessage', () => {
  it('moves the tracking id out', () => {
    const message = new Message({ role: 'user', content: [new TextBlock('hi')], trackingId: 't-1' })

    const { id, message: data } = toSessionMessage(message)

    expect(id).toBe('t-1')
    expect(data).toEqual({ role: 'user', content: [{ text: 'hi' }] })
    expect('trackingId' in data).toBe(false)
  })

  it('round-trips image bytes', () => {
    const bytes = new Uint8Array([137, 80, 78, 71, 0, 255])
    const original = Message.fromJSON({
      role: 'user',
      content: [{ image: { format: 'png', source: { bytes } } }, { text: 'what is this?' }],
    })

    const { id, message } = toSessionMessage(original)
    const restored = fromSessionMessage(id, message)

    const stored = message.content[0] as { image: { source: { bytes: unknown } } }
    expect(stored.image.source.bytes).toBeInstanceOf(Uint8Array)

    expect(restored.trackingId).toBe(original.trackingId)
    const image = restored.toJSON().content[0]
    expect(image).toEqual({ image: { format: 'png', source: { bytes: expect.any(String) } } })
    expect(restored.content[0]).toMatchObject({ type: 'imageBlock' })
    const block = restored.content[0] as unknown as { source: { bytes: Uint8Array } }
    expect(Array.from(block.source.bytes)).toEqual(Array.from(bytes))
  })
})

describe('toSessionMessage byte fields', () => {
  it('reuses the image bytes of the message', () => {
    const bytes = new Uint8Array([1, 2, 3, 4])
    const message = Message.fromJSON({
      role: 'user',
      content: [{ text: 'look' }, { image: { format: 'png', source: { bytes } } }],
    })
    const block = message.content[1] as unknown as { source: { bytes: Uint8Array } }

    const { message: data } = toSessionMessage(message)

    const stored = data.content[1] as { image: { source: { bytes: unknown } } }
    expect(stored.image.source.bytes).toBe(block.source.bytes)
  })

  it('reuses bytes inside a tool result', () => {
    const bytes = new Uint8Array([9, 8, 7])
    const message = Message.fromJSON({
      role: 'user',
      content: [
        {
          toolResult: {
            toolUseId: 'tool-1',
            status: 'success',
            content: [{ text: 'rendered' }, { image: { format: 'png', source: { bytes } } }],
          },
        },
      ],
    })
    const result = message.content[0] as unknown as { content: { source?: { bytes: Uint8Array } }[] }

    const { message: data } = toSessionMessage(message)

    const stored = data.content[0] as { toolResult: { content: { image?: { source: { bytes: unknown } } }[] } }
    expect(stored.toolResult.content[1]?.image?.source.bytes).toBe(result.content[1]?.source?.bytes)
  })

  it('reuses reasoning redactedContent', () => {
    const redacted = new Uint8Array([5, 6])
    const message = Message.fromJSON({
      role: 'assistant',
      content: [{ reasoning: { redactedContent: redacted } }, { text: 'done' }],
    })
    const block = message.content[0] as unknown as { redactedContent: Uint8Array }

    const { message: data } = toSessionMessage(message)

    const stored = data.content[0] as { reasoning: { redactedContent: unknown } }
    expect(stored.reasoning.redactedContent).toBe(block.redactedContent)
  })

  it('decodes base64 that matches no array of the message', () => {
    const message = Message.fromJSON({ role: 'user', content: [{ text: 'hi' }] })
    const json = { role: 'user', content: [{ image: { format: 'png', source: { bytes: 'AQID' } } }] }
    vi.spyOn(message, 'toJSON').mockReturnValue(json as never)

    const { message: data } = toSessionMessage(message)

    const stored = data.content[0] as { image: { source: { bytes: unknown } } }
    expect(stored.image.source.bytes).toEqual(new Uint8Array([1, 2, 3]))
  })
})
