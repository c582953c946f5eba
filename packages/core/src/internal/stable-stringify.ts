/**
 * Serializes a value as JSON with object keys sorted, so two equal values
 * always give the same string. Byte arrays become base64 strings, which keeps
 * agent state with bytes comparable.
 */
export function stableStringify(value: unknown): string {
  return JSON.stringify(normalize(value))
}

function normalize(value: unknown): unknown {
  if (value instanceof Uint8Array) {
    return { $bytes: Buffer.from(value).toString('base64') }
  }
  if (Array.isArray(value)) {
    return value.map(normalize)
  }
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) {
      const entry = (value as Record<string, unknown>)[key]
      if (entry !== undefined) {
        sorted[key] = normalize(entry)
      }
    }
    return sorted
  }
  return value
}
