import { describe, expect, it } from 'vitest'
import { TurnMeter } from './turn-metrics'

function blockLoop(ms: number): void {
  const until = performance.now() + ms
  while (performance.now() < until) {
    // Busy wait: the point is to hold the event loop.
  }
}

describe('TurnMeter', () => {
  it('reports no first token when none was sent', () => {
    const metrics = new TurnMeter().finish('inline', 0)

    expect(metrics.timeToFirstTokenMs).toBeNull()
    expect(metrics.mode).toBe('inline')
    expect(metrics.eventLoopDelay).toEqual({ maxMs: 0, p99Ms: 0 })
  })

  it('measures a blocked event loop', async () => {
    const meter = new TurnMeter()
    await new Promise((resolve) => setTimeout(resolve, 25))
    meter.markToken()
    blockLoop(60)
    await new Promise((resolve) => setTimeout(resolve, 25))
    const metrics = meter.finish('async', 3)

    expect(metrics.eventLoopDelay.maxMs).toBeGreaterThan(0)
    expect(metrics.timeToFirstTokenMs).toBeGreaterThan(0)
    expect(metrics.turnMs).toBeGreaterThan(metrics.timeToFirstTokenMs ?? Number.POSITIVE_INFINITY)
    expect(metrics.pendingWrites).toBe(3)
  })
})
