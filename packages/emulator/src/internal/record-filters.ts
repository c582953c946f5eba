import { metadataKeyRule, namespaceRule } from './constraints'
import type { Validator } from './validator'

/** Operators of a memory record metadata filter. */
export const recordFilterOperators = [
  'EQUALS_TO',
  'EXISTS',
  'NOT_EXISTS',
  'CONTAINS',
  'BEFORE',
  'AFTER',
  'GREATER_THAN',
  'GREATER_THAN_OR_EQUALS',
  'LESS_THAN',
  'LESS_THAN_OR_EQUALS',
] as const

/** A parsed memory record metadata filter expression. */
export interface RecordFilter {
  key: string
  operator: (typeof recordFilterOperators)[number]
  value?: Record<string, unknown>
}

/** Namespace selection of a request. */
export type NamespaceSelector = { kind: 'prefix' | 'exact'; value: string } | { kind: 'path'; value: string }

/**
 * Validates `namespace` and `namespacePath`, of which exactly one is required,
 * and returns the selector.
 */
export function parseNamespaceSelector(
  validator: Validator,
  body: Record<string, unknown>,
  namespaceMatch: 'prefix' | 'exact',
): NamespaceSelector | undefined {
  const namespace = validator.string(body.namespace, 'namespace', namespaceRule)
  const namespacePath = validator.string(body.namespacePath, 'namespacePath', namespaceRule)
  if (body.namespace === undefined && body.namespacePath === undefined) {
    validator.fail('namespace', 'Either namespace or namespacePath must be specified', null)
    return undefined
  }
  if (body.namespace !== undefined && body.namespacePath !== undefined) {
    validator.fail('namespacePath', 'Member must not be specified together with namespace', body.namespacePath)
    return undefined
  }
  if (namespace !== undefined) return { kind: namespaceMatch, value: namespace }
  if (namespacePath !== undefined) return { kind: 'path', value: namespacePath }
  return undefined
}

/**
 * Tells whether any of a record's namespaces is selected. A path selects
 * itself and everything under it, segment by segment (`/users/a` selects
 * `/users/a/facts` but not `/users/ab`); a prefix is a plain string prefix.
 */
export function namespaceSelected(namespaces: string[], selector: NamespaceSelector): boolean {
  if (selector.kind === 'exact') return namespaces.includes(selector.value)
  if (selector.kind === 'prefix') return namespaces.some((namespace) => namespace.startsWith(selector.value))
  const path = selector.value.replace(/\/+$/, '')
  if (path === '') return true
  return namespaces.some((namespace) => {
    const normalised = namespace.replace(/\/+$/, '')
    return normalised === path || normalised.startsWith(`${path}/`)
  })
}

/** Validates a `metadataFilters` list (1 to 5 expressions) and returns the filters. */
export function parseRecordFilters(validator: Validator, value: unknown, path: string): RecordFilter[] {
  const list = validator.list(value, path, { min: 1, max: 5 })
  if (list === undefined) return []
  const filters: RecordFilter[] = []
  list.forEach((item, index) => {
    const itemPath = `${path}.${index}`
    const expression = validator.object(item, itemPath, true)
    if (expression === undefined) return
    const left = validator.object(expression.left, `${itemPath}.left`, true)
    const key =
      left === undefined
        ? undefined
        : validator.string(left.metadataKey, `${itemPath}.left.metadataKey`, metadataKeyRule)
    const operator = validator.string(expression.operator, `${itemPath}.operator`, {
      required: true,
      values: recordFilterOperators,
    }) as RecordFilter['operator'] | undefined
    const needsValue = operator !== undefined && operator !== 'EXISTS' && operator !== 'NOT_EXISTS'
    const right = validator.object(expression.right, `${itemPath}.right`, needsValue)
    const metadataValue =
      right === undefined ? undefined : validator.object(right.metadataValue, `${itemPath}.right.metadataValue`, true)
    if (key === undefined || operator === undefined) return
    const filter: RecordFilter = { key, operator }
    if (metadataValue !== undefined) filter.value = metadataValue
    filters.push(filter)
  })
  return filters
}

/** Tells whether a record's metadata satisfies every filter. */
export function recordMatchesFilters(metadataJson: string | null, filters: RecordFilter[]): boolean {
  if (filters.length === 0) return true
  const metadata = metadataJson === null ? {} : (JSON.parse(metadataJson) as Record<string, Record<string, unknown>>)
  return filters.every((filter) => matches(metadata[filter.key], filter))
}

function matches(entry: Record<string, unknown> | undefined, filter: RecordFilter): boolean {
  if (filter.operator === 'EXISTS') return entry !== undefined
  if (filter.operator === 'NOT_EXISTS') return entry === undefined
  if (entry === undefined || filter.value === undefined) return false
  const expected = filter.value
  switch (filter.operator) {
    case 'EQUALS_TO':
      return JSON.stringify(scalarOf(entry)) === JSON.stringify(scalarOf(expected))
    case 'CONTAINS': {
      const needle = expected.stringValue
      if (typeof needle !== 'string') return false
      if (Array.isArray(entry.stringListValue)) return entry.stringListValue.includes(needle)
      return typeof entry.stringValue === 'string' && entry.stringValue.includes(needle)
    }
    case 'BEFORE':
    case 'AFTER': {
      const actual = entry.dateTimeValue
      const bound = expected.dateTimeValue
      if (typeof actual !== 'number' || typeof bound !== 'number') return false
      return filter.operator === 'BEFORE' ? actual < bound : actual > bound
    }
    default: {
      const actual = entry.numberValue
      const bound = expected.numberValue
      if (typeof actual !== 'number' || typeof bound !== 'number') return false
      if (filter.operator === 'GREATER_THAN') return actual > bound
      if (filter.operator === 'GREATER_THAN_OR_EQUALS') return actual >= bound
      if (filter.operator === 'LESS_THAN') return actual < bound
      return actual <= bound
    }
  }
}

function scalarOf(value: Record<string, unknown>): unknown {
  return value.stringValue ?? value.stringListValue ?? value.numberValue ?? value.dateTimeValue
}
