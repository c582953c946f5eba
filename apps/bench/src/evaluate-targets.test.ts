import { describe, expect, it } from 'vitest'
import { evaluateTargets, pickTargetTurns } from './evaluate-targets'
import { allModes, idleResult, modeResult, restoreResult, sampleResults } from './test-support/sample-results'

const inputs = () => {
  const { turns, burst, image, history, stateWrites, restore, idleMemory } = sampleResults()
  return { turns, burst, image, history, stateWrites, restore, idleMemory }
}

describe('pickTargetTurns', () => {
  it('prefers 100 conversations', () => {
    expect(pickTargetTurns([allModes(1), allModes(100), allModes(1000)])[0]?.conversations).toBe(100)
  })

  it('falls back to the largest concurrency', () => {
    expect(pickTargetTurns([allModes(2), allModes(5)])[0]?.conversations).toBe(5)
  })
})

describe('evaluateTargets', () => {
  it('passes every target on good figures', () => {
    const targets = evaluateTargets(inputs())
    expect(targets).toHaveLength(8)
    expect(targets.filter((target) => !target.pass)).toEqual([])
  })

  it('names the inline overhead beside the async target', () => {
    expect(evaluateTargets(inputs())[0]?.name).toContain('inline: 62.00 ms')
  })

  it('names the burst overhead beside the async target', () => {
    expect(evaluateTargets(inputs())[0]?.name).toContain('async in a burst of 100: 0.60 ms')
  })

  it('counts agent-state events of the burst too', () => {
    const data = inputs()
    data.burst = allModes(100).map((result) =>
      result.mode === 'async' ? { ...result, stateEventsPerSession: 2 } : result,
    )
    expect(evaluateTargets(data)[5]?.pass).toBe(false)
  })

  it('misses a TTFT overhead above 1 ms', () => {
    const data = inputs()
    data.turns[1] = allModes(100).map((result) =>
      result.mode === 'async' ? { ...result, overheadMs: { p50: 1, p99: 1.5 } } : result,
    )
    expect(evaluateTargets(data)[0]?.pass).toBe(false)
  })

  it('misses an event-loop gap above 2 ms in the image scenario', () => {
    const data = inputs()
    data.image = [
      modeResult('no-memory', 10, { eventLoopDelayMs: { p50: 1, p99: 3, max: 5 } }),
      modeResult('async', 10, { eventLoopDelayMs: { p50: 1, p99: 5.5, max: 9 } }),
    ]
    const target = evaluateTargets(data)[2]
    expect(target?.pass).toBe(false)
    expect(target?.measured).toBe('2.50 ms')
  })

  it('misses more than one CreateEvent per turn with batching', () => {
    const data = inputs()
    data.turns[1] = allModes(100).map((result) =>
      result.mode === 'async-batched' ? { ...result, createEventsPerTurn: 1.25 } : result,
    )
    expect(evaluateTargets(data)[4]?.pass).toBe(false)
  })

  it('misses an agent-state write in any AgentCore mode', () => {
    const data = inputs()
    data.turns[0] = allModes(1).map((result) =>
      result.mode === 'inline' ? { ...result, stateEventsPerSession: 1 } : result,
    )
    expect(evaluateTargets(data)[5]?.pass).toBe(false)
  })

  it('misses a state write in an unchanged turn', () => {
    const data = inputs()
    data.stateWrites = [
      { mode: 'async', changedBeforeTurn: 2, stateEventsAfterTurn: [1, 1, 2, 2], writesWithoutChange: 1 },
    ]
    expect(evaluateTargets(data)[5]?.pass).toBe(false)
  })

  it('reports state writes as unmeasured when the changed turn wrote nothing', () => {
    const data = inputs()
    data.stateWrites = [
      { mode: 'async', changedBeforeTurn: 2, stateEventsAfterTurn: [0, 0, 0, 0], writesWithoutChange: 0 },
    ]
    const target = evaluateTargets(data)[5]
    expect(target?.pass).toBe(false)
    expect(target?.measured).toBe('not measured')
  })

  it('misses a limited restore that pages', () => {
    const data = inputs()
    data.restore = [restoreResult(100, 40, 1), restoreResult(10_000, 40, 2)]
    expect(evaluateTargets(data)[6]?.pass).toBe(false)
  })

  it('misses more than 50 KB per idle session', () => {
    const data = inputs()
    data.idleMemory = [idleResult('no-memory', 0), idleResult('async', 60 * 1024)]
    const target = evaluateTargets(data)[7]
    expect(target?.pass).toBe(false)
    expect(target?.measured).toBe('60.00 KB')
  })

  it('reports unmeasured targets as misses', () => {
    const targets = evaluateTargets({
      turns: [],
      burst: [],
      image: [],
      stateWrites: [],
      history: [],
      restore: [],
      idleMemory: [],
    })
    expect(targets.every((target) => !target.pass)).toBe(true)
  })
})
