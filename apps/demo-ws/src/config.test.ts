import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultDataDir, readDemoConfig } from './config'

describe('readDemoConfig', () => {
  it('defaults to the emulator and the offline model', () => {
    const config = readDemoConfig({})

    expect(config.host).toBe('127.0.0.1')
    expect(config.port).toBe(8787)
    expect(config.dataDir).toBe(defaultDataDir)
    expect(config.memory).toEqual({ kind: 'emulator', db: resolve(defaultDataDir, 'memory.db') })
    expect(config.model).toEqual({ kind: 'offline' })
    expect(config.allowedOrigins).toBeUndefined()
  })

  it('ignores AWS_REGION without MEMORY_ID', () => {
    expect(readDemoConfig({ AWS_REGION: 'us-west-2' }).memory.kind).toBe('emulator')
  })

  it('uses AgentCore Memory with MEMORY_ID and AWS_REGION', () => {
    const config = readDemoConfig({ MEMORY_ID: 'chat-ABCDEFGHIJ', AWS_REGION: 'us-west-2' })

    expect(config.memory).toEqual({ kind: 'aws', memoryId: 'chat-ABCDEFGHIJ', region: 'us-west-2' })
  })

  it('rejects MEMORY_ID without a Region', () => {
    expect(() => readDemoConfig({ MEMORY_ID: 'chat-ABCDEFGHIJ' })).toThrow(/set AWS_REGION/)
  })

  it('uses Bedrock with MODEL_ID', () => {
    expect(readDemoConfig({ MODEL_ID: 'us.anthropic.claude-sonnet-4' }).model).toEqual({
      kind: 'bedrock',
      modelId: 'us.anthropic.claude-sonnet-4',
    })
  })

  it('reads host, port, data folder and origins', () => {
    const config = readDemoConfig({
      HOST: '0.0.0.0',
      PORT: '0',
      DEMO_DATA_DIR: '/tmp/demo-data',
      DEMO_ALLOWED_ORIGINS: 'https://chat.example.com',
    })

    expect(config.host).toBe('0.0.0.0')
    expect(config.port).toBe(0)
    expect(config.memory).toEqual({ kind: 'emulator', db: '/tmp/demo-data/memory.db' })
    expect(config.allowedOrigins).toEqual(['https://chat.example.com'])
  })

  it('rejects an invalid port', () => {
    for (const port of ['-1', '65536', 'http', '80.5']) {
      expect(() => readDemoConfig({ PORT: port }), port).toThrow(/is not a TCP port/)
    }
  })
})
