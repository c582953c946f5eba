import type { JsonValue } from '../json'

/** Marker key of a bytes value in the Python layout: `{"__bytes_encoded__": true, "data": "<base64>"}`. */
export const PYTHON_BYTES_MARKER = '__bytes_encoded__'

/** Raised inside the codec when a byte field contains something other than bytes or standard base64. */
export class InvalidBytesError extends Error {
  /** JSON path of the field, such as `content[1].image.source.bytes`. */
  readonly path: string

  constructor(path: string) {
    super(`The byte field at ${path} is not a Uint8Array or a standard base64 string.`)
    this.name = 'InvalidBytesError'
    this.path = path
  }
}

/** Encodes bytes as standard base64 with padding. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
}

/** Tells whether `text` is standard base64 with padding. Non-canonical padding bits are accepted. */
export function isStandardBase64(text: string): boolean {
  return decodeBase64(text) !== undefined
}

/**
 * Decodes standard base64 with padding into a plain `Uint8Array`; returns undefined when `text` is not base64.
 *
 * Node's decoder skips characters outside the alphabet and stops at `=`, so an invalid character shows as a
 * decoded length other than the one the text's length implies. The decoder also reads the URL-safe `-` and `_`,
 * which are checked separately. Both checks run in native code, because a JavaScript loop over the characters
 * took several milliseconds per 1 MB image, and a regular expression with a repeated group overflows V8's stack
 * on strings of a few megabytes.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0
  const decoded = Buffer.from(text, 'base64')
  if (decoded.length !== (text.length / 4) * 3 - padding) return undefined
  if (text.includes('-') || text.includes('_')) return undefined
  return new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.length)
}

/**
 * Tells whether a property contains binary content in the Strands and Converse message shapes: `source.bytes` of
 * images, documents, videos and guarded images, and `redactedContent` of reasoning blocks.
 */
export function isByteField(parentKey: string | undefined, key: string): boolean {
  return (key === 'bytes' && parentKey === 'source') || key === 'redactedContent'
}

type Replace = (value: unknown, key: string, parentKey: string | undefined, path: string) => JsonValue | undefined

/**
 * Copies `value` as JSON, letting `replace` substitute any value. When `replace` returns undefined, the value is
 * copied as JSON.stringify would copy it: undefined object properties are left out and array holes become null.
 */
function copyJson(
  value: unknown,
  replace: Replace,
  key: string,
  parentKey: string | undefined,
  path: string,
): JsonValue {
  const replaced = replace(value, key, parentKey, path)
  if (replaced !== undefined) return replaced
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (Array.isArray(value)) {
    return value.map((item, index) =>
      item === undefined ? null : copyJson(item, replace, String(index), key, `${path}[${index}]`),
    )
  }
  if (typeof value === 'object') {
    const copy: { [name: string]: JsonValue } = {}
    for (const [name, item] of Object.entries(value)) {
      if (item === undefined || typeof item === 'function') continue
      setOwn(copy, name, copyJson(item, replace, name, key, path === '' ? name : `${path}.${name}`))
    }
    return copy
  }
  return null
}

/**
 * Copies a message or state as JSON for the native layout: every `Uint8Array` becomes a base64 string.
 * A string in a byte field must already be base64, otherwise `InvalidBytesError` is thrown.
 */
export function toBase64Json(value: unknown, rootKey = ''): JsonValue {
  return copyJson(
    value,
    (item, key, parentKey, path) => {
      if (item instanceof Uint8Array) return encodeBase64(item)
      if (typeof item === 'string' && isByteField(parentKey, key) && !isStandardBase64(item)) {
        throw new InvalidBytesError(path)
      }
      return undefined
    },
    rootKey,
    undefined,
    rootKey,
  )
}

/**
 * Copies a value for the Python layout: every `Uint8Array`, and every base64 string in a byte field, becomes
 * `{"__bytes_encoded__": true, "data": "<base64>"}`, as Strands Python's `encode_bytes_values` writes bytes.
 */
export function toPythonBytesJson(value: unknown, rootKey = ''): JsonValue {
  return copyJson(
    value,
    (item, key, parentKey, path) => {
      if (item instanceof Uint8Array) return { [PYTHON_BYTES_MARKER]: true, data: encodeBase64(item) }
      if (typeof item === 'string' && isByteField(parentKey, key)) {
        if (!isStandardBase64(item)) throw new InvalidBytesError(path)
        return { [PYTHON_BYTES_MARKER]: true, data: item }
      }
      return undefined
    },
    rootKey,
    undefined,
    rootKey,
  )
}

/** A JSON value after decoding, which may hold bytes. */
export type DecodedValue = JsonValue | Uint8Array | DecodedValue[] | { [key: string]: DecodedValue }

/**
 * Replaces the base64 strings in byte fields of a native-layout value with `Uint8Array`.
 * Throws `InvalidBytesError` when a byte field contains a string that is not base64.
 */
export function restoreBase64Bytes(value: JsonValue, key = '', parentKey?: string, path = ''): DecodedValue {
  if (typeof value === 'string' && isByteField(parentKey, key)) {
    const bytes = decodeBase64(value)
    if (bytes === undefined) throw new InvalidBytesError(path)
    return bytes
  }
  return mapChildren(value, key, path, restoreBase64Bytes)
}

/**
 * Replaces Python bytes markers with `Uint8Array`, anywhere in the value, as Strands Python's
 * `decode_bytes_values` does. Throws `InvalidBytesError` when a marker's data is not base64.
 */
export function restorePythonBytes(value: JsonValue, key = '', _parentKey?: string, path = ''): DecodedValue {
  if (isPythonBytesMarker(value)) {
    const bytes = decodeBase64(value.data)
    if (bytes === undefined) throw new InvalidBytesError(path)
    return bytes
  }
  return mapChildren(value, key, path, restorePythonBytes)
}

function isPythonBytesMarker(value: JsonValue): value is { data: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    value[PYTHON_BYTES_MARKER] === true &&
    typeof value.data === 'string'
  )
}

function mapChildren(
  value: JsonValue,
  key: string,
  path: string,
  visit: (value: JsonValue, key: string, parentKey: string, path: string) => DecodedValue,
): DecodedValue {
  if (Array.isArray(value)) return value.map((item, index) => visit(item, String(index), key, `${path}[${index}]`))
  if (typeof value === 'object' && value !== null) {
    const copy: { [name: string]: DecodedValue } = {}
    for (const [name, item] of Object.entries(value)) {
      setOwn(copy, name, visit(item, name, key, path === '' ? name : `${path}.${name}`))
    }
    return copy
  }
  return value
}

/**
 * Sets an own enumerable property. Plain assignment of a `__proto__` key, which JSON may contain, would replace the
 * copy's prototype instead and lose the key.
 */
function setOwn<Value>(target: { [key: string]: Value }, key: string, value: Value): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}
