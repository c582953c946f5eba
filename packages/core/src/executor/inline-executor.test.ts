import { describe, expect, it } from 'vitest'
import type { WriteFailedError } from '../errors/write-failed-error'
import type { WriteTask } from './executor'
import { InlineExecutor } from './inline-executor'

function task(log: string[], name: string, failures: Error[] = [], settled: string[] = []): WriteTask {
  return {
    queueKey: 'q',
    operation: 'append',
    messageIds: [name],
    sizeBytes: 1,
    async attempt() {
      await new Promise((resolve) => setTimeout(resolve, 2))
      const failure = failures.shift()
      if (failure !== undefined) {
        log.push(`fail ${name}`)
        throw failure
      }
      log.push(`write ${name}`)
    },
    settle(error?: WriteFailedError) {
      settled.push(error === undefined ? 'ok' : error.code)
    },
  }
}

describe('InlineExecutor', () => {
  it('resolves once the write is done', async () => {
    const log: string[] = []
    await new InlineExecutor().submit(task(log, 'w'))
    expect(log).toEqual(['write w'])
  })

  it('rejects with the write error', async () => {
    const log: string[] = []
    const settled: string[] = []
    const denied = Object.assign(new Error('denied'), { name: 'AccessDeniedException' })
    const executor = new InlineExecutor()
    await expect(executor.submit(task(log, 'w', [denied], settled))).rejects.toMatchObject({
      code: 'WRITE_FAILED',
      cause: denied,
    })
    expect(settled).toEqual(['WRITE_FAILED'])
    expect(executor.stats().failed).toBe(1)
  })

  it('names a network error by its system code', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })
    const executor = new InlineExecutor({ maxAttempts: 1 })
    await expect(executor.submit(task([], 'w', [refused]))).rejects.toThrow(
      'Writing messages [w] failed after 1 attempt(s) with ECONNREFUSED.',
    )
  })

  it('retries a server error', async () => {
    const log: string[] = []
    const failure = Object.assign(new Error('oops'), { name: 'ServiceException', $metadata: { httpStatusCode: 500 } })
    const executor = new InlineExecutor({ retryBaseDelayMs: 1 })
    await executor.submit(task(log, 'w', [failure]))
    expect(log).toEqual(['fail w', 'write w'])
    expect(executor.stats().retried).toBe(1)
  })

  it('keeps order for writes not awaited', async () => {
    const log: string[] = []
    const executor = new InlineExecutor()
    await Promise.all([
      executor.submit(task(log, 'a')),
      executor.submit(task(log, 'b')),
      executor.submit(task(log, 'c')),
    ])
    expect(log).toEqual(['write a', 'write b', 'write c'])
  })

  it('rejects writes after close', async () => {
    const executor = new InlineExecutor()
    await executor.close()
    await expect(executor.submit(task([], 'late'))).rejects.toMatchObject({ code: 'EXECUTOR_CLOSED' })
  })
})
