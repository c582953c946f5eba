import { EmulatorError } from '../errors'
import type { MemoryDefinition, StrategyDefinition, StrategyKind } from '../options'
import { ApiError, notFound } from './api-error'
import { memoryIdPattern } from './constraints'
import type { Database } from './database'
import { randomAlphanumerics } from './ids'

/** A strategy with every default filled in. */
export interface Strategy {
  id: string
  name: string
  type: StrategyKind
  namespace: string
}

/** A memory as the emulator stores it. */
export interface Memory {
  id: string
  name: string
  description?: string
  eventExpiryDays: number
  strategies: Strategy[]
  status: 'ACTIVE' | 'DELETING'
  declared: boolean
  createdAtMs: number
  updatedAtMs: number
}

interface MemoryRow {
  id: string
  name: string
  description: string | null
  event_expiry_days: number
  strategies: string
  status: string
  declared: number
  created_at_ms: number
  updated_at_ms: number
}

/** Strategy kinds that the emulator extracts. */
export const strategyKinds: readonly StrategyKind[] = ['semantic', 'userPreference', 'summary']
const defaultEventExpiryDays = 90
/** Namespace template: letters, digits, '-', '_', '/' and placeholders such as {actorId}. */
export const namespaceTemplatePattern = /^[a-zA-Z0-9\-_/]*(\{[a-zA-Z0-9_]+\}[a-zA-Z0-9\-_/]*)*$/
/** Strategy id, as the service allows it. */
export const strategyIdPattern = /^[a-zA-Z0-9][a-zA-Z0-9-_]{0,99}$/

/**
 * The memories of one emulator, kept in SQLite and cached in a map because
 * every data-plane request looks its memory up.
 */
export class MemoryRegistry {
  private readonly cache = new Map<string, Memory>()

  constructor(private readonly db: Database) {
    for (const row of db.all<MemoryRow>('SELECT * FROM memories')) {
      const memory = fromRow(row)
      this.cache.set(memory.id, memory)
    }
  }

  /**
   * Creates a memory from a definition and returns it. Throws `EmulatorError`
   * `INVALID_OPTION` for a bad definition and an `ApiError` if the id exists.
   */
  create(definition: MemoryDefinition, options: { declared: boolean; description?: string }): Memory {
    const memory = buildMemory(definition, options.declared, Date.now())
    if (options.description !== undefined) memory.description = options.description
    const existing = this.cache.get(memory.id)
    if (existing !== undefined) {
      if (options.declared) return this.redeclare(existing, memory)
      throw new ApiError('ConflictException', 409, `Memory ${memory.id} already exists.`)
    }
    this.db.run(
      'INSERT INTO memories (id, name, description, event_expiry_days, strategies, status, declared, created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      memory.id,
      memory.name,
      memory.description ?? null,
      memory.eventExpiryDays,
      JSON.stringify(memory.strategies),
      memory.status,
      memory.declared ? 1 : 0,
      memory.createdAtMs,
      memory.updatedAtMs,
    )
    this.cache.set(memory.id, memory)
    return memory
  }

  /** Returns the memory or raises the service's `ResourceNotFoundException`. */
  require(id: string): Memory {
    const memory = this.cache.get(id)
    if (memory === undefined || memory.status === 'DELETING') throw notFound(`Memory not found: ${id}`)
    return memory
  }

  /** Returns the memory, or undefined when it does not exist. */
  find(id: string): Memory | undefined {
    return this.cache.get(id)
  }

  /** Returns every memory, oldest first. */
  list(): Memory[] {
    return [...this.cache.values()].sort((a, b) => a.createdAtMs - b.createdAtMs || a.id.localeCompare(b.id))
  }

  /** Deletes a memory with its events, records and tokens. */
  delete(id: string): void {
    this.require(id)
    this.db.transaction(() => {
      for (const table of ['events', 'sessions', 'client_tokens', 'records', 'ingests', 'extraction_jobs']) {
        this.db.run(`DELETE FROM ${table} WHERE memory_id = ?`, id)
      }
      this.db.run('DELETE FROM memories WHERE id = ?', id)
    })
    this.cache.delete(id)
  }

  /** Deletes every memory that was not declared at start-up. */
  deleteUndeclared(): void {
    this.db.run('DELETE FROM memories WHERE declared = 0')
    for (const [id, memory] of this.cache) {
      if (!memory.declared) this.cache.delete(id)
    }
  }

  /**
   * Keeps a memory declared again at start-up (a restart on the same file)
   * and updates its strategies and expiry to the new declaration.
   */
  private redeclare(existing: Memory, declared: Memory): Memory {
    const strategies = declared.strategies.map((strategy) => {
      const previous = existing.strategies.find(
        (old) => old.type === strategy.type && old.namespace === strategy.namespace,
      )
      return previous ?? strategy
    })
    const updated: Memory = { ...existing, strategies, eventExpiryDays: declared.eventExpiryDays, declared: true }
    this.db.run(
      'UPDATE memories SET strategies = ?, event_expiry_days = ?, declared = 1, updated_at_ms = ? WHERE id = ?',
      JSON.stringify(strategies),
      updated.eventExpiryDays,
      Date.now(),
      existing.id,
    )
    this.cache.set(existing.id, updated)
    return updated
  }
}

function buildMemory(definition: MemoryDefinition, declared: boolean, now: number): Memory {
  const name = definition.name ?? memoryNameFromId(definition.id) ?? 'memory'
  const id = definition.id ?? `${name}-${randomAlphanumerics(10)}`
  if (!memoryIdPattern.test(id)) {
    throw new EmulatorError(
      'INVALID_OPTION',
      `Invalid memory id '${id}': expected <name>-<10 alphanumerics>, for example demo_memory-AAAAAAAAAA.`,
    )
  }
  const eventExpiryDays = definition.eventExpiryDays ?? defaultEventExpiryDays
  if (!Number.isInteger(eventExpiryDays) || eventExpiryDays < 1 || eventExpiryDays > 365) {
    throw new EmulatorError(
      'INVALID_OPTION',
      `Invalid eventExpiryDays ${eventExpiryDays} for memory ${id}: expected an integer from 1 to 365.`,
    )
  }
  const strategies = (definition.strategies ?? []).map((strategy) => buildStrategy(strategy, id))
  return { id, name, eventExpiryDays, strategies, status: 'ACTIVE', declared, createdAtMs: now, updatedAtMs: now }
}

function buildStrategy(definition: StrategyDefinition, memoryId: string): Strategy {
  if (!strategyKinds.includes(definition.type)) {
    throw new EmulatorError(
      'INVALID_OPTION',
      `Invalid strategy type '${String(definition.type)}' for memory ${memoryId}: expected one of ${strategyKinds.join(', ')}.`,
    )
  }
  if (!namespaceTemplatePattern.test(definition.namespace) || definition.namespace === '') {
    throw new EmulatorError(
      'INVALID_OPTION',
      `Invalid namespace template '${definition.namespace}' for memory ${memoryId}: use letters, digits, '-', '_', '/' and placeholders such as {actorId}.`,
    )
  }
  const id = definition.id ?? `${definition.type}_strategy-${randomAlphanumerics(10)}`
  if (!strategyIdPattern.test(id)) {
    throw new EmulatorError(
      'INVALID_OPTION',
      `Invalid strategy id '${id}' for memory ${memoryId}: expected letters, digits, '-' and '_', at most 100 characters.`,
    )
  }
  const name = definition.name ?? memoryNameFromId(id) ?? id
  return { id, name, type: definition.type, namespace: definition.namespace }
}

function memoryNameFromId(id: string | undefined): string | undefined {
  if (id === undefined) return undefined
  const dash = id.lastIndexOf('-')
  return dash > 0 ? id.slice(0, dash) : undefined
}

function fromRow(row: MemoryRow): Memory {
  const memory: Memory = {
    id: row.id,
    name: row.name,
    eventExpiryDays: row.event_expiry_days,
    strategies: JSON.parse(row.strategies) as Strategy[],
    status: row.status === 'DELETING' ? 'DELETING' : 'ACTIVE',
    declared: row.declared === 1,
    createdAtMs: row.created_at_ms,
    updatedAtMs: row.updated_at_ms,
  }
  if (row.description !== null) memory.description = row.description
  return memory
}
