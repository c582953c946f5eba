import { InvalidOptionError } from '@agentcore-session/core'
import type { AgentCoreMemorySessionManagerOptions } from '../session-manager-options'

/**
 * Checks the options that this package adds to core's `MemorySession` options. Core checks its own options
 * when the session is built, with the same error class.
 *
 * @throws InvalidOptionError with the option's name in `option`.
 */
export function validateAdapterOptions(options: AgentCoreMemorySessionManagerOptions): void {
  for (const flag of ['flushOnInvocationEnd', 'prefetch'] as const) {
    const value: unknown = options[flag]
    if (value !== undefined && typeof value !== 'boolean') {
      throw new InvalidOptionError(flag, `Invalid ${flag} ${describe(value)}: expected true or false.`)
    }
  }
}

// Quotes strings, so `'no'` and `1` stay distinguishable in the message.
function describe(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : `${String(value)} (${typeof value})`
}
