import {
  BedrockAgentCoreClient,
  CreateEventCommand,
  RetrieveMemoryRecordsCommand,
} from '@aws-sdk/client-bedrock-agentcore'
import {
  BedrockAgentCoreControlClient,
  CreateMemoryCommand,
  DeleteMemoryCommand,
  GetMemoryCommand,
  paginateListMemories,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-bedrock-agentcore-control'
import { afterAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../src/index'
import { textItem } from './setup'

const emulator = await startEmulator()
const control = new BedrockAgentCoreControlClient({ ...emulator.clientConfig({ maxAttempts: 1 }) })
const data = new BedrockAgentCoreClient({ ...emulator.clientConfig({ maxAttempts: 1 }) })

afterAll(async () => {
  control.destroy()
  data.destroy()
  await emulator.close()
})

describe('control plane', () => {
  it('creates a memory with strategies that extraction uses', async () => {
    const created = await control.send(
      new CreateMemoryCommand({
        name: 'ShopMemory',
        eventExpiryDuration: 30,
        memoryStrategies: [
          { semanticMemoryStrategy: { name: 'facts', namespaceTemplates: ['/users/{actorId}/facts/'] } },
          { userPreferenceMemoryStrategy: { name: 'prefs', namespaces: ['/users/{actorId}/preferences/'] } },
          { summaryMemoryStrategy: { name: 'summaries' } },
        ],
      }),
    )
    expect(created.$metadata.httpStatusCode).toBe(202)
    const memory = created.memory
    expect(memory?.id).toMatch(/^ShopMemory-[a-zA-Z0-9]{10}$/)
    expect(memory?.status).toBe('ACTIVE')
    expect(memory?.arn).toBe(`arn:aws:bedrock-agentcore:us-east-1:123456789012:memory/${memory?.id}`)
    expect(memory?.strategies?.map((strategy) => strategy.type)).toEqual([
      'SEMANTIC',
      'USER_PREFERENCE',
      'SUMMARIZATION',
    ])
    expect(memory?.strategies?.[2]?.namespaces).toEqual([
      '/strategies/{memoryStrategyId}/actors/{actorId}/sessions/{sessionId}/',
    ])
    expect(memory?.createdAt).toBeInstanceOf(Date)

    const memoryId = memory?.id as string
    const fetched = await control.send(new GetMemoryCommand({ memoryId }))
    expect(fetched.memory?.strategies?.[0]?.strategyId).toMatch(/^facts-[a-zA-Z0-9]{10}$/)
    expect(fetched.memory?.eventExpiryDuration).toBe(30)

    await data.send(
      new CreateEventCommand({
        memoryId,
        actorId: 'ana',
        sessionId: 's1',
        eventTimestamp: new Date(),
        payload: [textItem('I prefer FedEx for shipping.')],
      }),
    )
    await emulator.waitForExtraction()
    const retrieved = await data.send(
      new RetrieveMemoryRecordsCommand({
        memoryId,
        namespace: '/users/ana/preferences/',
        searchCriteria: { searchQuery: 'shipping carrier' },
      }),
    )
    const preference = JSON.parse(retrieved.memoryRecordSummaries?.[0]?.content?.text as string) as {
      preference: string
      categories: string[]
    }
    expect(preference.preference).toBe('Prefers FedEx for shipping')
    expect(preference.categories).toEqual(['shipping'])
  })

  it('lists memories with the paginator and deletes them', async () => {
    const ids: string[] = []
    for (let index = 0; index < 3; index += 1) {
      const output = await control.send(new CreateMemoryCommand({ name: `listed_${index}`, eventExpiryDuration: 7 }))
      ids.push(output.memory?.id as string)
    }
    const seen: string[] = []
    for await (const page of paginateListMemories({ client: control, pageSize: 2 }, {})) {
      for (const summary of page.memories ?? []) seen.push(summary.id as string)
    }
    expect(seen).toEqual(expect.arrayContaining(ids))

    const deleted = await control.send(new DeleteMemoryCommand({ memoryId: ids[0] as string }))
    expect(deleted.status).toBe('DELETING')
    const error = await control.send(new GetMemoryCommand({ memoryId: ids[0] as string })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ResourceNotFoundException)
  })

  it('validates CreateMemory input', async () => {
    const error = await control
      .send(new CreateMemoryCommand({ name: '1bad name', eventExpiryDuration: 400 }))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationException)
    expect((error as ValidationException).fieldList?.map((entry) => entry.name)).toEqual([
      'name',
      'eventExpiryDuration',
    ])
  })
})

describe('control plane faults', () => {
  it('use the control-plane exception names', async () => {
    emulator.setFaults({ throttleRate: 1, limit: 1 })
    const throttled = await control
      .send(new GetMemoryCommand({ memoryId: 'missing-AAAAAAAAAA' }))
      .catch((e: unknown) => e)
    expect((throttled as Error).name).toBe('ThrottlingException')
    emulator.setFaults({ serviceErrorRate: 1, limit: 1 })
    const failed = await control.send(new GetMemoryCommand({ memoryId: 'missing-AAAAAAAAAA' })).catch((e: unknown) => e)
    expect((failed as Error).name).toBe('InternalServerException')
    emulator.setFaults({})
  })
})

describe('reset', () => {
  it('restores a declared memory deleted through the control plane', async () => {
    const declared = await startEmulator({ memories: [{ id: 'kept_memory-AAAAAAAAAA' }] })
    const declaredControl = new BedrockAgentCoreControlClient({ ...declared.clientConfig({ maxAttempts: 1 }) })
    try {
      await declaredControl.send(new DeleteMemoryCommand({ memoryId: 'kept_memory-AAAAAAAAAA' }))
      await declared.reset()
      const fetched = await declaredControl.send(new GetMemoryCommand({ memoryId: 'kept_memory-AAAAAAAAAA' }))
      expect(fetched.memory?.status).toBe('ACTIVE')
    } finally {
      declaredControl.destroy()
      await declared.close()
    }
  })
})
