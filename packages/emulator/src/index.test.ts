import { describe, expect, it } from 'vitest'
import * as emulator from './index'

describe('package exports', () => {
  it('exposes the hand-picked runtime surface', () => {
    expect(Object.keys(emulator).sort()).toEqual(['EmulatorError', 'formatEventId', 'startEmulator'])
  })
})
