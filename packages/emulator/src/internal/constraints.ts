import { plainValidationError } from './api-error'
import type { StringRule, Validator } from './validator'

// Patterns and limits of the AgentCore Memory service model
// (`@aws-sdk/client-bedrock-agentcore` 3.1141.0 and the AWS API reference).

/** Memory id: `<name>-<10 alphanumerics>`. */
export const memoryIdPattern = /^[a-zA-Z][a-zA-Z0-9-_]{0,99}-[a-zA-Z0-9]{10}$/
/** Memory ARN prefix that the service accepts in place of a bare memory id. */
export const memoryArnPattern = /^arn:(aws|aws-cn|aws-us-gov):bedrock-agentcore:[a-z0-9-]+:[0-9]{12}:memory\/(.+)$/
export const actorIdRule: StringRule = {
  required: true,
  min: 1,
  max: 255,
  pattern: /^[a-zA-Z0-9][a-zA-Z0-9-_/]*(?::[a-zA-Z0-9-_/]+)*[a-zA-Z0-9-_/]*$/,
}
export const sessionIdRule: StringRule = { required: true, min: 1, max: 100, pattern: /^[a-zA-Z0-9][a-zA-Z0-9-_]*$/ }
export const eventIdRule: StringRule = { required: true, min: 1, pattern: /^[0-9]+#[a-fA-F0-9]+$/ }
export const branchNameRule: StringRule = { required: true, min: 1, max: 100, pattern: /^[a-zA-Z0-9][a-zA-Z0-9-_]*$/ }
export const metadataKeyRule: StringRule = { required: true, min: 1, max: 128, pattern: /^[a-zA-Z0-9\s._:/=+@-]*$/ }
export const metadataStringValueRule: StringRule = { min: 0, max: 256, pattern: /^[a-zA-Z0-9\s._:/=+@-]*$/ }
export const namespaceRule: StringRule = {
  min: 1,
  max: 1024,
  pattern: /^[a-zA-Z0-9/*][a-zA-Z0-9-_/*]*(?::[a-zA-Z0-9-_/*]+)*[a-zA-Z0-9-_/*]*$/,
}
export const memoryRecordIdRule: StringRule = { required: true, min: 40, max: 50, pattern: /^mem-[a-zA-Z0-9-_]*$/ }
export const memoryStrategyIdRule: StringRule = { min: 1, max: 100, pattern: /^[a-zA-Z0-9][a-zA-Z0-9-_]*$/ }
export const requestIdentifierRule: StringRule = { required: true, min: 1, max: 80, pattern: /^[a-zA-Z0-9_-]+$/ }
export const clientTokenRule: StringRule = { min: 1, max: 256 }
export const paginationTokenRule: StringRule = { min: 1, max: 4096 }

/** Roles of a conversational payload item. */
export const roles = ['USER', 'ASSISTANT', 'TOOL', 'OTHER'] as const
/** Maximum characters of a conversational text. */
export const maxConversationalTextLength = 100_000
/** Maximum characters of a memory record's text. */
export const maxRecordTextLength = 16_000
/** Maximum serialized size of one `json` payload item, in bytes. */
export const maxJsonPayloadBytes = 100 * 1024
/** Maximum payload items in one event. */
export const maxPayloadItems = 100
/** Maximum entries of an event metadata map. */
export const maxMetadataEntries = 15
/** Maximum records in one batch operation. */
export const maxBatchRecords = 100

/**
 * Resolves the `memoryId` label, which may be an ARN, to the bare id, and
 * raises the 400 that the service sends for a malformed id.
 */
export function parseMemoryId(label: string | undefined): string {
  const raw = label ?? ''
  const arnMatch = memoryArnPattern.exec(raw)
  const id = arnMatch?.[2] ?? raw
  if (id.length < 12 || !memoryIdPattern.test(id)) {
    throw plainValidationError(
      `Invalid memoryId '${raw.slice(0, 256)}': expected <name>-<10 alphanumerics>, for example demo_memory-AAAAAAAAAA.`,
      'FieldValidationFailed',
    )
  }
  return id
}

/** Validates an event metadata map (`{ key: { stringValue } }`) and returns it. */
export function validateMetadataMap(
  validator: Validator,
  value: unknown,
  path: string,
): Record<string, { stringValue: string }> | undefined {
  const map = validator.object(value, path)
  if (map === undefined) return undefined
  const entries = Object.entries(map)
  if (entries.length > maxMetadataEntries) {
    validator.fail(
      path,
      `Member must have length less than or equal to ${maxMetadataEntries}`,
      `${entries.length} entries`,
    )
    return undefined
  }
  const result: Record<string, { stringValue: string }> = {}
  for (const [key, entry] of entries) {
    validator.string(key, `${path}.key`, metadataKeyRule)
    const structure = validator.object(entry, `${path}.${key}`, true)
    if (structure === undefined) continue
    const stringValue = validator.string(structure.stringValue, `${path}.${key}.stringValue`, {
      ...metadataStringValueRule,
      required: true,
    })
    if (stringValue !== undefined) result[key] = { stringValue }
  }
  return result
}
