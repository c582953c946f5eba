import type { JsonValue } from '../json'

/**
 * Converts a document from the AWS SDK into plain JSON. The SDK's JSON deserializer returns integers beyond
 * `Number.MAX_SAFE_INTEGER` as `bigint`, which `JSON.stringify` cannot serialise, so each one becomes the nearest
 * `number`: the value `JSON.parse` returns for the same text. Returns the input itself when it contains no `bigint`.
 */
export function documentToJson(value: unknown): JsonValue {
  if (typeof value === 'bigint') return Number(value)
  if (Array.isArray(value)) {
    let copy: JsonValue[] | undefined
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index]
      const converted = documentToJson(item)
      if (converted !== item) {
        copy ??= value.slice() as JsonValue[]
        copy[index] = converted
      }
    }
    return copy ?? (value as JsonValue[])
  }
  if (typeof value === 'object' && value !== null) {
    let copy: { [key: string]: JsonValue } | undefined
    for (const [key, item] of Object.entries(value)) {
      const converted = documentToJson(item)
      if (converted !== item) {
        copy ??= { ...(value as { [key: string]: JsonValue }) }
        copy[key] = converted
      }
    }
    return copy ?? (value as JsonValue)
  }
  return value as JsonValue
}
