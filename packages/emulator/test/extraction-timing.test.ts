import {
  CreateEventCommand,
  ListMemoryRecordsCommand,
  RetrieveMemoryRecordsCommand,
} from '@aws-sdk/client-bedrock-agentcore'
import { afterAll, describe, expect, it } from 'vitest'
import { memoryId, startTestEmulator, textItem } from './setup'

const { emulator, client } = await startTestEmulator({
  extractionDelayMs: 1000,
  namespaceMatch: 'exact',
  memories: [{ id: memoryId, strategies: [{ type: 'semantic', namespace: '/users/{actorId}/facts/' }] }],
})

afterAll(async () => {
  client.destroy()
  await emulator.close()
})

describe('delayed extraction', () => {
  it('adds records only after the delay', async () => {
    await client.send(
      new CreateEventCommand({
        memoryId,
        actorId: 'ana',
        sessionId: 's1',
        eventTimestamp: new Date(),
        payload: [textItem('My name is Ana.')],
      }),
    )
    const before = await client.send(new ListMemoryRecordsCommand({ memoryId, namespace: '/users/ana/facts/' }))
    expect(before.memoryRecordSummaries).toEqual([])
    await emulator.waitForExtraction()
    const after = await client.send(new ListMemoryRecordsCommand({ memoryId, namespace: '/users/ana/facts/' }))
    expect(after.memoryRecordSummaries).toHaveLength(1)
  })

  it('matches namespace exactly when configured', async () => {
    const prefix = await client.send(new ListMemoryRecordsCommand({ memoryId, namespace: '/users/' }))
    expect(prefix.memoryRecordSummaries).toEqual([])
    const path = await client.send(
      new RetrieveMemoryRecordsCommand({ memoryId, namespacePath: '/users/', searchCriteria: { searchQuery: 'name' } }),
    )
    expect(path.memoryRecordSummaries).toHaveLength(1)
  })
})
