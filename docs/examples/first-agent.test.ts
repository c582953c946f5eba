import { describe, expect, it } from 'vitest'
import { runFirstAgent } from './first-agent'

describe('first agent example', () => {
  it('replies and restores both messages', async () => {
    const outcome = await runFirstAgent()

    expect(outcome.reply).toContain('Nice to meet you, Alice.')
    expect(outcome.restoredMessages).toBe(2)
  })
})
