import {
  clientTokenRule,
  maxBatchRecords,
  maxRecordTextLength,
  memoryRecordIdRule,
  memoryStrategyIdRule,
  metadataKeyRule,
  namespaceRule,
  parseMemoryId,
  requestIdentifierRule,
} from '../internal/constraints'
import { withClientToken } from '../internal/idempotency'
import type { Memory } from '../internal/memory-registry'
import type { OperationHandler } from '../internal/operation'
import { findRecord, insertRecord } from '../internal/record-store'
import { Validator } from '../internal/validator'

interface RecordOutput {
  memoryRecordId: string
  status: 'SUCCEEDED' | 'FAILED'
  requestIdentifier?: string
  errorCode?: number
  errorMessage?: string
}

// Strategy id given to batch-created records whose namespace matches no strategy of the memory.
const unassignedStrategyId = 'batch_created'

/**
 * `BatchCreateMemoryRecords`: `POST …/memoryRecords/batchCreate` → 201. A
 * record whose `requestIdentifier` repeats one earlier in the batch fails on
 * its own, in `failedRecords`.
 */
export const batchCreateMemoryRecords: OperationHandler = (context, request) => {
  const memoryId = parseMemoryId(request.labels.memoryId)
  const body = request.body
  const validator = new Validator()
  const records = validator.list(body.records, 'records', { required: true, max: maxBatchRecords }) ?? []
  const clientToken = validator.string(body.clientToken, 'clientToken', clientTokenRule)
  const inputs = records.map((record, index) => {
    const path = `records.${index}`
    const item = validator.object(record, path, true) ?? {}
    return {
      requestIdentifier: validator.string(item.requestIdentifier, `${path}.requestIdentifier`, requestIdentifierRule),
      namespaces: validateNamespaces(validator, item.namespaces, `${path}.namespaces`, true),
      text: validateContent(validator, item.content, `${path}.content`, true),
      timestampMs: validator.timestamp(item.timestamp, `${path}.timestamp`, true),
      strategyId: validator.string(item.memoryStrategyId, `${path}.memoryStrategyId`, memoryStrategyIdRule),
      metadata: validateRecordMetadata(validator, item.metadata, `${path}.metadata`),
    }
  })
  validator.throwIfInvalid()
  request.logFields.memoryId = memoryId
  if (clientToken !== undefined) request.logFields.clientToken = clientToken
  const memory = context.memories.require(memoryId)

  return withClientToken(
    context.db,
    { memoryId, operation: 'BatchCreateMemoryRecords', token: clientToken },
    { ...body, clientToken: undefined },
    () => {
      const successfulRecords: RecordOutput[] = []
      const failedRecords: RecordOutput[] = []
      const seen = new Set<string>()
      for (const input of inputs) {
        const requestIdentifier = input.requestIdentifier as string
        if (seen.has(requestIdentifier)) {
          failedRecords.push({
            memoryRecordId: '',
            status: 'FAILED',
            requestIdentifier,
            errorCode: 400,
            errorMessage: `Duplicate requestIdentifier ${requestIdentifier} in the batch. Give every record its own requestIdentifier.`,
          })
          continue
        }
        seen.add(requestIdentifier)
        const namespaces = input.namespaces as string[]
        const newRecord = {
          memoryId,
          strategyId: input.strategyId ?? strategyForNamespace(memory, namespaces[0] as string),
          namespaces,
          text: input.text as string,
          createdAtMs: input.timestampMs as number,
        }
        const memoryRecordId = insertRecord(
          context.db,
          input.metadata === undefined ? newRecord : { ...newRecord, metadata: input.metadata },
        )
        successfulRecords.push({ memoryRecordId, status: 'SUCCEEDED', requestIdentifier })
      }
      return { status: 201, body: { successfulRecords, failedRecords } }
    },
  )
}

/** `BatchUpdateMemoryRecords`: `POST …/memoryRecords/batchUpdate`. Unknown ids fail with `errorCode` 404. */
export const batchUpdateMemoryRecords: OperationHandler = (context, request) => {
  const memoryId = parseMemoryId(request.labels.memoryId)
  const validator = new Validator()
  const records = validator.list(request.body.records, 'records', { required: true, max: maxBatchRecords }) ?? []
  const inputs = records.map((record, index) => {
    const path = `records.${index}`
    const item = validator.object(record, path, true) ?? {}
    return {
      recordId: validator.string(item.memoryRecordId, `${path}.memoryRecordId`, memoryRecordIdRule),
      timestampMs: validator.timestamp(item.timestamp, `${path}.timestamp`, true),
      text: validateContent(validator, item.content, `${path}.content`, false),
      namespaces: validateNamespaces(validator, item.namespaces, `${path}.namespaces`, false),
      strategyId: validator.string(item.memoryStrategyId, `${path}.memoryStrategyId`, memoryStrategyIdRule),
      metadata: validateRecordMetadata(validator, item.metadata, `${path}.metadata`),
    }
  })
  validator.throwIfInvalid()
  request.logFields.memoryId = memoryId
  context.memories.require(memoryId)

  return context.db.transaction(() => {
    const successfulRecords: RecordOutput[] = []
    const failedRecords: RecordOutput[] = []
    for (const input of inputs) {
      const recordId = input.recordId as string
      const row = findRecord(context.db, memoryId, recordId)
      if (row === undefined) {
        failedRecords.push({
          memoryRecordId: recordId,
          status: 'FAILED',
          errorCode: 404,
          errorMessage: `Memory record not found: ${recordId}`,
        })
        continue
      }
      context.db.run(
        'UPDATE records SET content = ?, namespaces = ?, strategy_id = ?, metadata = ?, updated_at_ms = ? WHERE record_id = ?',
        input.text ?? row.content,
        input.namespaces === undefined ? row.namespaces : JSON.stringify(input.namespaces),
        input.strategyId ?? row.strategy_id,
        input.metadata === undefined ? row.metadata : JSON.stringify(input.metadata),
        input.timestampMs as number,
        recordId,
      )
      successfulRecords.push({ memoryRecordId: recordId, status: 'SUCCEEDED' })
    }
    return { status: 200, body: { successfulRecords, failedRecords } }
  })
}

/** `BatchDeleteMemoryRecords`: `POST …/memoryRecords/batchDelete`. Unknown ids fail with `errorCode` 404. */
export const batchDeleteMemoryRecords: OperationHandler = (context, request) => {
  const memoryId = parseMemoryId(request.labels.memoryId)
  const validator = new Validator()
  const records = validator.list(request.body.records, 'records', { required: true, max: maxBatchRecords }) ?? []
  const recordIds = records.map((record, index) => {
    const item = validator.object(record, `records.${index}`, true) ?? {}
    validator.string(item.namespace, `records.${index}.namespace`, namespaceRule)
    return validator.string(item.memoryRecordId, `records.${index}.memoryRecordId`, memoryRecordIdRule)
  })
  validator.throwIfInvalid()
  request.logFields.memoryId = memoryId
  context.memories.require(memoryId)

  return context.db.transaction(() => {
    const successfulRecords: RecordOutput[] = []
    const failedRecords: RecordOutput[] = []
    for (const recordId of recordIds as string[]) {
      if (findRecord(context.db, memoryId, recordId) === undefined) {
        failedRecords.push({
          memoryRecordId: recordId,
          status: 'FAILED',
          errorCode: 404,
          errorMessage: `Memory record not found: ${recordId}`,
        })
        continue
      }
      context.db.run('DELETE FROM records WHERE record_id = ?', recordId)
      successfulRecords.push({ memoryRecordId: recordId, status: 'SUCCEEDED' })
    }
    return { status: 200, body: { successfulRecords, failedRecords } }
  })
}

function validateNamespaces(
  validator: Validator,
  value: unknown,
  path: string,
  required: boolean,
): string[] | undefined {
  // NOTE: the older service model allowed one namespace per record; this accepts up to 10.
  const list = validator.list(value, path, { required, min: 1, max: 10 })
  if (list === undefined) return undefined
  const namespaces = list.map((namespace, index) =>
    validator.string(namespace, `${path}.${index}`, { ...namespaceRule, required: true }),
  )
  return namespaces.every((namespace) => namespace !== undefined) ? (namespaces as string[]) : undefined
}

function validateContent(validator: Validator, value: unknown, path: string, required: boolean): string | undefined {
  const content = validator.object(value, path, required)
  if (content === undefined) return undefined
  return validator.string(content.text, `${path}.text`, {
    required: true,
    min: 1,
    max: maxRecordTextLength,
    sensitive: true,
  })
}

/** Validates record metadata: a map of `stringValue | stringListValue | numberValue | dateTimeValue` unions. */
function validateRecordMetadata(
  validator: Validator,
  value: unknown,
  path: string,
): Record<string, unknown> | undefined {
  const map = validator.object(value, path)
  if (map === undefined) return undefined
  const entries = Object.entries(map)
  if (entries.length > 15) {
    validator.fail(path, 'Member must have length less than or equal to 15', `${entries.length} entries`)
    return undefined
  }
  const errorsBefore = validator.errors.length
  for (const [key, entry] of entries) {
    validator.string(key, `${path}.key`, metadataKeyRule)
    const union = validator.object(entry, `${path}.${key}`, true)
    if (union === undefined) continue
    const members = Object.keys(union).filter((member) => union[member] !== undefined && union[member] !== null)
    const allowed = ['stringValue', 'stringListValue', 'numberValue', 'dateTimeValue']
    if (members.length !== 1 || !allowed.includes(members[0] as string)) {
      validator.fail(`${path}.${key}`, `Member must set exactly one of: ${allowed.join(', ')}`, members.join(','))
      continue
    }
    checkMetadataMember(validator, union, members[0] as string, `${path}.${key}`)
  }
  return validator.errors.length === errorsBefore ? map : undefined
}

function checkMetadataMember(validator: Validator, union: Record<string, unknown>, member: string, path: string): void {
  if (member === 'stringValue') validator.string(union.stringValue, `${path}.stringValue`, { max: 256 })
  else if (member === 'numberValue') validator.number(union.numberValue, `${path}.numberValue`)
  else if (member === 'dateTimeValue') validator.timestamp(union.dateTimeValue, `${path}.dateTimeValue`)
  else {
    const list = validator.list(union.stringListValue, `${path}.stringListValue`, { max: 50 })
    list?.forEach((item, index) => {
      validator.string(item, `${path}.stringListValue.${index}`, { required: true, max: 256 })
    })
  }
}

function strategyForNamespace(memory: Memory, namespace: string): string {
  for (const strategy of memory.strategies) {
    const pattern = new RegExp(
      `^${strategy.namespace
        .split(/\{[a-zA-Z0-9_]+\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]+')}$`,
    )
    if (pattern.test(namespace)) return strategy.id
  }
  return unassignedStrategyId
}
