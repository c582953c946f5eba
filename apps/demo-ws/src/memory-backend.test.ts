import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { createModelFactory } from './agent-factory'
import { demoMemoryId, openMemoryBackend } from './memory-backend'
import { OfflineModel } from './offline-model'

const logger = pino({ level: 'silent' })

describe('openMemoryBackend', () => {
  it('starts the emulator with the demo memory', async () => {
    const backend = await openMemoryBackend({ kind: 'emulator', db: ':memory:' }, { logger })
    try {
      expect(backend.memoryId).toBe(demoMemoryId)
      expect(backend.emulator?.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(backend.label).toContain('in memory')
      expect(await backend.client.config.endpoint?.()).toMatchObject({ hostname: '127.0.0.1' })
    } finally {
      await backend.close()
    }
  })

  it('builds an AWS client without starting the emulator', async () => {
    // Building the client sends no request; nothing here reaches AWS.
    const backend = await openMemoryBackend(
      { kind: 'aws', memoryId: 'chat-ABCDEFGHIJ', region: 'eu-west-1' },
      { logger },
    )

    expect(backend.emulator).toBeUndefined()
    expect(backend.memoryId).toBe('chat-ABCDEFGHIJ')
    expect(backend.label).toBe('AgentCore Memory chat-ABCDEFGHIJ in eu-west-1')
    expect(await backend.client.config.region()).toBe('eu-west-1')
    await backend.close()
  })
})

describe('createModelFactory', () => {
  it('creates the offline model by default', () => {
    const models = createModelFactory({ kind: 'offline' })

    expect(models.label).toBe('offline scripted model')
    expect(models.create()).toBeInstanceOf(OfflineModel)
  })

  it('creates a Bedrock model for MODEL_ID', () => {
    const models = createModelFactory({ kind: 'bedrock', modelId: 'us.anthropic.claude-sonnet-4', region: 'us-west-2' })

    expect(models.label).toBe('Amazon Bedrock model us.anthropic.claude-sonnet-4')
    expect(models.create().getConfig().modelId).toBe('us.anthropic.claude-sonnet-4')
  })
})
