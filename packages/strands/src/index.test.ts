import { describe, expect, it } from 'vitest'
import * as api from './index'
import * as testing from './testing/index'

describe('export surface', () => {
  it('lists the main entry', () => {
    expect(Object.keys(api).sort()).toEqual(['AgentCoreMemorySessionManager', 'AgentCoreStrandsError'])
  })

  it('lists the testing entry', () => {
    expect(Object.keys(testing).sort()).toEqual(['ManualClock', 'ScriptedModel', 'splitIntoTokens'])
  })
})
