import type { Database } from '../internal/database'
import { insertRecord, recordsInNamespace, updateRecordText } from '../internal/record-store'
import { preferenceObject } from './extractors'
import { jaccard } from './similarity'

/** Outcome of consolidating one extracted text into a namespace. */
export type ConsolidationOutcome = 'added' | 'updated' | 'unchanged'

/** Destination of an extracted record. */
export interface RecordTarget {
  memoryId: string
  strategyId: string
  namespace: string
  kind: 'semantic' | 'userPreference' | 'summary'
}

// Texts at least this similar (Jaccard over stemmed words) count as the same memory.
const duplicateThreshold = 0.8

// Facts about an attribute that has one value at a time; a newer value replaces the older one.
const singleValuedFacts = [
  /^The user's (.+?) is /,
  /^The user (lives in|is from|was born|works at|works as|works for|goes by|is \d+ years old)/,
]

/**
 * Adds an extracted text to its namespace, or updates the existing record it
 * restates, because the service consolidates instead of piling up copies.
 * A near-duplicate is left as is. A newer value of the same attribute or
 * preference replaces the older text. A session summary is rewritten in place.
 */
export function consolidate(db: Database, target: RecordTarget, text: string, now: number): ConsolidationOutcome {
  const existing = recordsInNamespace(db, target.memoryId, target.strategyId, target.namespace)
  const match = existing.find((record) => sameMemory(target.kind, record.content, text))
  if (match === undefined) {
    insertRecord(db, {
      memoryId: target.memoryId,
      strategyId: target.strategyId,
      namespaces: [target.namespace],
      text,
      createdAtMs: now,
    })
    return 'added'
  }
  if (match.content === text) return 'unchanged'
  updateRecordText(db, match.record_id, text, now)
  return 'updated'
}

function sameMemory(kind: RecordTarget['kind'], existing: string, incoming: string): boolean {
  if (kind === 'summary') return true
  if (kind === 'userPreference') {
    const existingObject = preferenceObject(existing)
    const incomingObject = preferenceObject(incoming)
    if (existingObject !== undefined && existingObject === incomingObject) return true
    return jaccard(preferenceText(existing), preferenceText(incoming)) >= duplicateThreshold
  }
  const existingKey = factKey(existing)
  if (existingKey !== undefined && existingKey === factKey(incoming)) return true
  return jaccard(existing, incoming) >= duplicateThreshold
}

function factKey(text: string): string | undefined {
  for (const pattern of singleValuedFacts) {
    const match = pattern.exec(text)
    if (match !== null) return match[0].toLowerCase()
  }
  return undefined
}

function preferenceText(text: string): string {
  try {
    const parsed = JSON.parse(text) as { preference?: unknown }
    return typeof parsed.preference === 'string' ? parsed.preference : text
  } catch {
    return text
  }
}
