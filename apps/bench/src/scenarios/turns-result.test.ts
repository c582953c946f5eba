import { describe, expect, it } from 'vitest'
import type { TurnsRunSample } from './turns'
import { combineSamples, compareWithFloor } from './turns-result'

function sample(overrides: Partial<TurnsRunSample> = {}): TurnsRunSample {
  return {
    timeToFirstTokenMs: [100, 110],
    turnMs: [200, 220],
    turns: 2,
    elapsedMs: 500,
    cpuMs: 40,
    emulatorCpuMs: 100,
    createEvents: 5,
    listEvents: 2,
    stateEventsInFirstSession: 0,
    peakRssDelta: 10_000,
    peakHeapDelta: 4_000,
    ...overrides,
  }
}

const loop = { p50: 1, p99: 2, max: 3 }

describe('combineSamples', () => {
  it('pools the samples of every round', () => {
    const result = combineSamples('async', 2, [sample(), sample({ timeToFirstTokenMs: [120, 130] })], loop)
    expect(result.timeToFirstTokenMs.count).toBe(4)
    expect(result.timeToFirstTokenMs.max).toBe(130)
  })

  it('divides write calls by turns', () => {
    const result = combineSamples('async', 2, [sample(), sample({ createEvents: 3 })], loop)
    expect(result.createEventsPerTurn).toBe(2)
  })

  it('divides restore calls by conversations and rounds', () => {
    const result = combineSamples('async', 2, [sample(), sample()], loop)
    expect(result.listEventsPerConversation).toBe(1)
  })

  it('computes turns per second from the elapsed time', () => {
    const result = combineSamples('async', 2, [sample(), sample()], loop)
    expect(result.turnsPerSecond).toBe(4)
  })

  it('divides CPU time by turns', () => {
    const result = combineSamples('async', 2, [sample(), sample()], loop)
    expect(result.cpuMsPerTurn).toBe(20)
  })

  it('divides emulator CPU time by wall time', () => {
    const result = combineSamples('async', 2, [sample(), sample()], loop)
    expect(result.emulatorCpuShare).toBe(0.2)
  })

  it('scales peak memory to 1000 conversations', () => {
    const result = combineSamples('async', 2, [sample()], loop)
    expect(result.peakRssPer1000).toBe(5_000_000)
    expect(result.peakHeapPer1000).toBe(2_000_000)
  })

  it('counts a negative memory delta as zero', () => {
    const result = combineSamples('async', 2, [sample({ peakHeapDelta: -50 })], loop)
    expect(result.peakHeapPer1000).toBe(0)
  })

  it('reports NaN without samples', () => {
    const result = combineSamples('async', 2, [], loop)
    expect(result.createEventsPerTurn).toBeNaN()
    expect(result.turnsPerSecond).toBeNaN()
  })
})

describe('compareWithFloor', () => {
  it('subtracts the floor and divides by it', () => {
    const floor = combineSamples('no-memory', 1, [sample({ timeToFirstTokenMs: [100, 100] })], loop)
    const inline = combineSamples('inline', 1, [sample({ timeToFirstTokenMs: [150, 200] })], loop)
    const [comparedFloor, comparedInline] = compareWithFloor([floor, inline])
    expect(comparedFloor?.overheadMs.p99).toBe(0)
    expect(comparedInline?.overheadMs.p50).toBe(50)
    expect(comparedInline?.overheadMs.p99).toBe(100)
    expect(comparedInline?.ratioToFloorP99).toBe(2)
  })

  it('leaves results unchanged without a floor', () => {
    const inline = combineSamples('inline', 1, [sample()], loop)
    expect(compareWithFloor([inline])[0]?.overheadMs.p99).toBeNaN()
  })
})
