import { describe, expect, it } from 'vitest'
import { AgentCoreSessionError } from './agentcore-session-error'

describe('AgentCoreSessionError', () => {
  it('keeps the code and the cause', () => {
    const cause = new Error('socket hang up')
    const error = new AgentCoreSessionError('WRITE_FAILED', 'CreateEvent failed.', { cause })
    expect(error.code).toBe('WRITE_FAILED')
    expect(error.cause).toBe(cause)
  })

  it('recognises copies from another module instance by marker', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('@agentcore-session/core/error')]: true })
    expect(AgentCoreSessionError.isInstance(foreign)).toBe(true)
    expect(AgentCoreSessionError.isInstance(new Error('plain'))).toBe(false)
  })
})
