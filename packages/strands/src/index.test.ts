import { ManualClock } from '@agentcore-session/core/testing'
import { describe, expect, it } from 'vitest'

describe('workspace resolution', () => {
  it('loads core from source', () => {
    expect(new ManualClock(7).now()).toBe(7)
  })
})
