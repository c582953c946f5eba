import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as core from './index'
import * as testing from './testing/index'

describe('export surface', () => {
  it('lists the runtime exports of the main entry', () => {
    expect(Object.keys(core).sort()).toMatchInlineSnapshot(`
      [
        "AgentCoreSessionError",
        "BackgroundExecutor",
        "FlushFailedError",
        "InlineExecutor",
        "InvalidOptionError",
        "MemorySession",
        "PayloadTooLargeError",
        "WriteFailedError",
        "channelNames",
        "queryTextOf",
      ]
    `)
  })

  it('lists the runtime exports of the testing entry', () => {
    expect(Object.keys(testing).sort()).toMatchInlineSnapshot(`
      [
        "InMemoryAgentCoreMemory",
        "ManualClock",
      ]
    `)
  })

  it('lists the type exports of the main entry', () => {
    const source = readFileSync(new URL('./index.ts', import.meta.url), 'utf8')
    const names = [...source.matchAll(/export (?:type )?\{([^}]*)\}/g)]
      .flatMap((match) => match[1]!.split(','))
      .map((name) => name.trim())
      .filter((name) => name.startsWith('type '))
      .map((name) => name.slice('type '.length))
    const typeOnly = [...source.matchAll(/export type \{([^}]*)\}/g)].flatMap((match) =>
      match[1]!.split(',').map((name) => name.trim()),
    )
    expect([...names, ...typeOnly].filter((name) => name !== '').sort()).toMatchInlineSnapshot(`
      [
        "AgentCoreSessionErrorOptions",
        "AgentState",
        "BackgroundExecutorOptions",
        "Bytes",
        "CachePointBlockData",
        "ChannelSessionFields",
        "CitationsBlockData",
        "Clock",
        "ContentBlockData",
        "DocumentBlockData",
        "DurableEvent",
        "Executor",
        "ExecutorStats",
        "GuardContentBlockData",
        "ImageBlockData",
        "InlineExecutorOptions",
        "JsonObject",
        "JsonValue",
        "LatencySummary",
        "LogMethod",
        "Logger",
        "MediaSource",
        "MemoryClient",
        "MemoryContext",
        "MemorySessionOptions",
        "MessageData",
        "MessageRole",
        "MetadataInput",
        "MetadataValueInput",
        "PayloadLimit",
        "PersistenceMode",
        "ReadChannelMessage",
        "ReasoningBlockData",
        "RestoredMessage",
        "RestoredSession",
        "RetrievalConfig",
        "RetrievedRecord",
        "SendOptions",
        "SkippedEvent",
        "StorageFormat",
        "TextBlockData",
        "ToolResultBlockData",
        "ToolResultContentData",
        "ToolUseBlockData",
        "VideoBlockData",
        "WriteChannelMessage",
        "WriteFailedErrorOptions",
        "WriteOperation",
        "WriteTask",
      ]
    `)
  })
})
