import type { EmulatorLogger } from '../options'

/**
 * Runs long-term extraction in the background, one memory at a time, a fixed
 * delay after the first notification of a quiet period. `waitForIdle`
 * resolves once nothing is pending, scheduled or running.
 */
export class ExtractionScheduler {
  private readonly pending = new Set<string>()
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined
  private idleWaiters: (() => void)[] = []
  private stopped = false

  constructor(
    private readonly delayMs: number,
    private readonly runner: (memoryId: string) => void,
    private readonly logger: EmulatorLogger | undefined,
  ) {}

  /** Marks a memory as having new input for extraction. */
  notify(memoryId: string): void {
    if (this.stopped) return
    this.pending.add(memoryId)
    this.schedule()
  }

  /** Resolves when no extraction is pending, scheduled or running. */
  waitForIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve()
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve)
    })
  }

  /** Stops scheduling and waits for a running pass to end. Pending work stays in the database. */
  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
    this.pending.clear()
    await this.running
    this.releaseWaiters()
  }

  private isIdle(): boolean {
    return this.pending.size === 0 && this.timer === undefined && this.running === undefined
  }

  private schedule(): void {
    if (this.timer !== undefined || this.running !== undefined || this.stopped) return
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.running = this.runPending().finally(() => {
        this.running = undefined
        if (this.pending.size > 0) this.schedule()
        else this.releaseWaiters()
      })
    }, this.delayMs)
  }

  private async runPending(): Promise<void> {
    while (this.pending.size > 0 && !this.stopped) {
      const memoryIds = [...this.pending]
      this.pending.clear()
      for (const memoryId of memoryIds) {
        try {
          this.runner(memoryId)
        } catch (error) {
          this.logger?.error({ err: error, memoryId }, 'Long-term memory extraction failed.')
        }
        // Yields to the event loop between memories so that requests keep being served.
        await new Promise<void>((resolve) => setImmediate(resolve))
      }
    }
  }

  private releaseWaiters(): void {
    if (!this.isIdle() && !this.stopped) return
    const waiters = this.idleWaiters
    this.idleWaiters = []
    for (const resolve of waiters) resolve()
  }
}
