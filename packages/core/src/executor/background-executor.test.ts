import { describe, expect, it, vi } from 'vitest'
import type { WriteFailedError } from '../errors/write-failed-error'
import { BackgroundExecutor } from './background-executor'
import type { WriteTask } from './executor'

interface Recorder {
  log: string[]
  running: number
  maxRunning: number
}

function newRecorder(): Recorder {
  return { log: [], running: 0, maxRunning: 0 }
}

/** Builds a task that records its attempts, fails the first `failures.length` ones, and merges when `mergeable`. */
function task(
  recorder: Recorder,
  queueKey: string,
  name: string,
  options: { failures?: Error[]; delayMs?: number; sizeBytes?: number; mergeable?: boolean; settled?: string[] } = {},
): WriteTask {
  const failures = [...(options.failures ?? [])]
  const names = [name]
  const build = (parts: string[]): WriteTask => {
    const built: WriteTask = {
      queueKey,
      operation: 'append',
      messageIds: parts,
      sizeBytes: options.sizeBytes ?? 10,
      async attempt() {
        recorder.running += 1
        recorder.maxRunning = Math.max(recorder.maxRunning, recorder.running)
        try {
          await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 5))
          const failure = failures.shift()
          if (failure !== undefined) {
            recorder.log.push(`fail ${parts.join('+')}`)
            throw failure
          }
          recorder.log.push(`write ${parts.join('+')}`)
        } finally {
          recorder.running -= 1
        }
      },
      settle(error?: WriteFailedError) {
        options.settled?.push(`${parts.join('+')}:${error === undefined ? 'ok' : error.code}`)
      },
    }
    if (options.mergeable) {
      built.mergeWith = (next) =>
        next.queueKey === queueKey && next.operation === 'append' ? build([...parts, ...next.messageIds]) : undefined
    }
    return built
  }
  return build(names)
}

function throttled(): Error {
  return Object.assign(new Error('slow down'), { name: 'ThrottledException', $metadata: { httpStatusCode: 429 } })
}

function invalid(): Error {
  return Object.assign(new Error('bad'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } })
}

const fastRetries = { retryBaseDelayMs: 1, throttlingBaseDelayMs: 1, maxRetryDelayMs: 2 }

describe('BackgroundExecutor', () => {
  it('keeps per-queue FIFO order', async () => {
    const recorder = newRecorder()
    const executor = new BackgroundExecutor()
    for (const name of ['a1', 'a2', 'a3']) {
      await executor.submit(task(recorder, 'a', name))
    }
    await executor.flush()
    expect(recorder.log).toEqual(['write a1', 'write a2', 'write a3'])
  })

  it('groups tasks queued during a call', async () => {
    const recorder = newRecorder()
    const executor = new BackgroundExecutor()
    for (const name of ['m1', 'm2', 'm3', 'm4']) {
      await executor.submit(task(recorder, 'a', name, { mergeable: true, delayMs: 20 }))
    }
    await executor.flush()
    expect(recorder.log).toEqual(['write m1', 'write m2+m3+m4'])
    expect(executor.stats().written).toBe(4)
  })

  it('caps a group at maxGroupSize', async () => {
    const recorder = newRecorder()
    const executor = new BackgroundExecutor({ maxGroupSize: 2 })
    for (const name of ['m1', 'm2', 'm3', 'm4', 'm5']) {
      await executor.submit(task(recorder, 'a', name, { mergeable: true, delayMs: 20 }))
    }
    await executor.flush()
    expect(recorder.log).toEqual(['write m1', 'write m2+m3', 'write m4+m5'])
  })

  it('bounds concurrent sessions', async () => {
    const recorder = newRecorder()
    const executor = new BackgroundExecutor({ maxConcurrentSessions: 2 })
    for (let index = 0; index < 6; index += 1) {
      await executor.submit(task(recorder, `session-${index}`, `w${index}`, { delayMs: 10 }))
    }
    await executor.flush()
    expect(recorder.maxRunning).toBe(2)
    expect(recorder.log).toHaveLength(6)
  })

  it('retries throttling then succeeds', async () => {
    const recorder = newRecorder()
    const settled: string[] = []
    const executor = new BackgroundExecutor(fastRetries)
    await executor.submit(task(recorder, 'a', 'w', { failures: [throttled(), throttled()], settled }))
    await executor.flush()
    expect(recorder.log).toEqual(['fail w', 'fail w', 'write w'])
    expect(settled).toEqual(['w:ok'])
    expect(executor.stats()).toMatchObject({ retried: 2, written: 1, failed: 0 })
  })

  it('gives up on a non-retryable error at once', async () => {
    const recorder = newRecorder()
    const settled: string[] = []
    const onError = vi.fn()
    const executor = new BackgroundExecutor({ ...fastRetries, onError })
    await executor.submit(task(recorder, 'a', 'w', { failures: [invalid()], settled }))
    await executor.submit(task(recorder, 'a', 'next'))
    const failure = await executor.flush().catch((error: unknown) => error)
    expect(failure).toMatchObject({ code: 'FLUSH_FAILED' })
    expect(recorder.log).toEqual(['fail w', 'write next'])
    expect(settled).toEqual(['w:WRITE_FAILED'])
    expect(onError).toHaveBeenCalledTimes(1)
    expect(executor.failures()).toHaveLength(1)
    expect(executor.stats().failed).toBe(1)
    // A failure is reported to one flush only, and stays in failures().
    await expect(executor.flush()).resolves.toBeUndefined()
    expect(executor.failures()).toHaveLength(1)
  })

  it('stops retrying at maxAttempts', async () => {
    const recorder = newRecorder()
    const executor = new BackgroundExecutor({ ...fastRetries, maxAttempts: 3 })
    await executor.submit(task(recorder, 'a', 'w', { failures: Array.from({ length: 5 }, throttled) }))
    await expect(executor.flush()).rejects.toMatchObject({ code: 'FLUSH_FAILED' })
    expect(recorder.log).toEqual(['fail w', 'fail w', 'fail w'])
  })

  it('counts the SDK attempts toward maxAttempts', async () => {
    const recorder = newRecorder()
    const executor = new BackgroundExecutor({ ...fastRetries, maxAttempts: 3 })
    const sdkRetried = Object.assign(throttled(), { $metadata: { httpStatusCode: 429, attempts: 3 } })
    await executor.submit(task(recorder, 'a', 'w', { failures: [sdkRetried] }))
    await expect(executor.flush()).rejects.toMatchObject({ code: 'FLUSH_FAILED' })
    expect(recorder.log).toEqual(['fail w'])
  })

  it('outlasts SDK retries by default', async () => {
    const recorder = newRecorder()
    const executor = new BackgroundExecutor(fastRetries)
    const refused = () =>
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', $metadata: { attempts: 3 } })
    await executor.submit(task(recorder, 'a', 'w', { failures: Array.from({ length: 8 }, refused) }))
    await executor.flush()
    expect(recorder.log.filter((entry) => entry === 'fail w')).toHaveLength(8)
    expect(recorder.log.at(-1)).toBe('write w')
  })

  it('stops retrying when the budget runs out', async () => {
    const recorder = newRecorder()
    const executor = new BackgroundExecutor({
      retryBudgetMs: 30,
      retryBaseDelayMs: 20,
      throttlingBaseDelayMs: 20,
      maxRetryDelayMs: 20,
    })
    await executor.submit(task(recorder, 'a', 'w', { failures: Array.from({ length: 50 }, throttled) }))
    await expect(executor.flush()).rejects.toMatchObject({ code: 'FLUSH_FAILED' })
    expect(recorder.log.length).toBeLessThan(50)
  })

  it('makes callers wait at the memory bound and drops nothing', async () => {
    const recorder = newRecorder()
    const executor = new BackgroundExecutor({ maxQueuedBytes: 25 })
    const accepted: string[] = []
    const submissions = ['w1', 'w2', 'w3', 'w4'].map((name) =>
      executor.submit(task(recorder, 'a', name, { sizeBytes: 10, delayMs: 10 })).then(() => accepted.push(name)),
    )
    await new Promise((resolve) => setTimeout(resolve, 1))
    expect(accepted).toEqual(['w1', 'w2'])
    expect(executor.stats().queuedBytes).toBeLessThanOrEqual(25)
    await Promise.all(submissions)
    await executor.flush()
    expect(recorder.log).toEqual(['write w1', 'write w2', 'write w3', 'write w4'])
  })

  it('accepts a task larger than the bound when idle', async () => {
    const recorder = newRecorder()
    const executor = new BackgroundExecutor({ maxQueuedBytes: 5 })
    await executor.submit(task(recorder, 'a', 'big', { sizeBytes: 50 }))
    await executor.flush()
    expect(recorder.log).toEqual(['write big'])
  })

  it('flushes one queue without waiting for others', async () => {
    const recorder = newRecorder()
    const executor = new BackgroundExecutor()
    await executor.submit(task(recorder, 'slow', 'slow', { delayMs: 100 }))
    await executor.submit(task(recorder, 'fast', 'fast', { delayMs: 1 }))
    await executor.flush('fast')
    expect(recorder.log).toEqual(['write fast'])
    await executor.flush()
  })

  it('drains on close and rejects later writes', async () => {
    const recorder = newRecorder()
    const executor = new BackgroundExecutor()
    await executor.submit(task(recorder, 'a', 'w1', { delayMs: 10 }))
    await executor.close()
    expect(recorder.log).toEqual(['write w1'])
    await expect(executor.submit(task(recorder, 'a', 'w2'))).rejects.toMatchObject({ code: 'EXECUTOR_CLOSED' })
  })

  it('rejects invalid options', () => {
    expect(() => new BackgroundExecutor({ maxConcurrentSessions: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', option: 'maxConcurrentSessions' }),
    )
  })

  it('reports queue and latency counters', async () => {
    const recorder = newRecorder()
    const executor = new BackgroundExecutor()
    await executor.submit(task(recorder, 'a', 'w1', { delayMs: 10 }))
    await executor.submit(task(recorder, 'a', 'w2', { delayMs: 10 }))
    const during = executor.stats()
    expect(during.queued + during.inFlight).toBe(2)
    await executor.flush()
    const after = executor.stats()
    expect(after).toMatchObject({ queued: 0, inFlight: 0, queuedBytes: 0, written: 2 })
    expect(after.writeLatencyMs.count).toBe(2)
    expect(after.writeLatencyMs.max).toBeGreaterThan(0)
  })
})
