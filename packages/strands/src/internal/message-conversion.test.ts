import { Message, TextBlock } from '@strands-agents/sdk'
import { describe, expect, it } from 'vitest'
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
