import { describe, expect, it } from 'vitest'
import { type SendableSocket, SlowConsumerError, SocketSender } from './socket-sender'

/** A socket stand-in whose buffered amount the test controls. */
class FakeSocket implements SendableSocket {
  readyState = 1
  bufferedAmount = 0
  readonly sent: string[] = []
  send(data: string): void {
    this.sent.push(data)
    this.bufferedAmount += data.length
  }
}

const token = { type: 'token', turnId: 't', text: 'hello' } as const

describe('SocketSender', () => {
  it('sends without waiting below the high-water mark', async () => {
    const socket = new FakeSocket()
    const sender = new SocketSender(socket, { highWaterBytes: 1_000, drainTimeoutMs: 50 })

    await sender.sendPaced(token)

    expect(socket.sent).toHaveLength(1)
  })

  it('waits until the buffer drains', async () => {
    const socket = new FakeSocket()
    socket.bufferedAmount = 5_000
    const sender = new SocketSender(socket, { highWaterBytes: 1_000, drainTimeoutMs: 5_000 })
    let settled = false
    const sending = sender.sendPaced(token).then(() => {
      settled = true
    })

    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(settled).toBe(false)
    socket.bufferedAmount = 400
    await sending
    expect(settled).toBe(true)
  })

  it('raises SlowConsumerError when the buffer stays full', async () => {
    const socket = new FakeSocket()
    socket.bufferedAmount = 5_000
    const sender = new SocketSender(socket, { highWaterBytes: 1_000, drainTimeoutMs: 20 })

    await expect(sender.sendPaced(token)).rejects.toBeInstanceOf(SlowConsumerError)
  })

  it('drops messages once the socket closed', async () => {
    const socket = new FakeSocket()
    socket.readyState = 3
    const sender = new SocketSender(socket, { highWaterBytes: 1_000, drainTimeoutMs: 20 })

    sender.send(token)
    await sender.sendPaced(token)

    expect(socket.sent).toHaveLength(0)
  })
})
