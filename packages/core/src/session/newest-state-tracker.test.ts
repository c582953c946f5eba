import { describe, expect, it } from 'vitest'
import { NewestStateTracker } from './newest-state-tracker'

const stateId = '0000001772375782346#c5e4dee5'
const newerStateId = '0000001772375782999#0a1b2c3d'

describe('NewestStateTracker', () => {
  it('is unknown until something is learned', () => {
    expect(new NewestStateTracker().pointer()).toBeUndefined()
  })

  it('stores a learned state or none', () => {
    const tracker = new NewestStateTracker()
    tracker.learn(null)
    expect(tracker.pointer()).toBe('none')
    tracker.learn(stateId)
    expect(tracker.pointer()).toBe('0000001772375782346.c5e4dee5')
  })

  it('is unknown while a state write is in flight', () => {
    const tracker = new NewestStateTracker()
    tracker.learn(null)
    tracker.stateWriteStarted()
    expect(tracker.pointer()).toBeUndefined()
    tracker.stateWritten(stateId)
    expect(tracker.pointer()).toBeUndefined()
    tracker.stateWriteSettled(false)
    expect(tracker.pointer()).toBe('0000001772375782346.c5e4dee5')
  })

  it('waits for every overlapping state write', () => {
    const tracker = new NewestStateTracker()
    tracker.stateWriteStarted()
    tracker.stateWriteStarted()
    tracker.stateWritten(stateId)
    tracker.stateWriteSettled(false)
    expect(tracker.pointer()).toBeUndefined()
    tracker.stateWritten(newerStateId)
    tracker.stateWriteSettled(false)
    expect(tracker.pointer()).toBe('0000001772375782999.0a1b2c3d')
  })

  it('forgets the pointer after a failed state write', () => {
    const tracker = new NewestStateTracker()
    tracker.learn(stateId)
    tracker.stateWriteStarted()
    tracker.stateWriteSettled(true)
    expect(tracker.pointer()).toBeUndefined()
  })

  it('ignores reads once the session wrote state', () => {
    const tracker = new NewestStateTracker()
    tracker.stateWriteStarted()
    tracker.stateWritten(newerStateId)
    tracker.stateWriteSettled(false)
    tracker.learn(null)
    expect(tracker.pointer()).toBe('0000001772375782999.0a1b2c3d')
  })
})
