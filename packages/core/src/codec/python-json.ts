import type { JsonValue } from '../json'

/**
 * Serialises JSON as Python's `json.dumps` does with its defaults, so that envelopes written in the Python layout
 * match what the Python SDK writes. That means `", "` and `": "` separators, and every character outside printable
 * ASCII escaped as lowercase `\uXXXX` (`ensure_ascii=True`). Non-integral numbers take Python's `repr` form.
 *
 * NOTE: JSON numbers carry no int/float distinction, so an integral number is written as a Python `int`
 * (`1`, never `1.0`).
 */
export function pythonJsonDumps(value: JsonValue): string {
  if (value === null) return 'null'
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'number') return pythonNumber(value)
  if (typeof value === 'string') return pythonString(value)
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`
  const members = Object.entries(value).map(([key, item]) => `${pythonString(key)}: ${pythonJsonDumps(item)}`)
  return `{${members.join(', ')}}`
}

function pythonString(text: string): string {
  // JSON.stringify already escapes quotes, backslashes, control characters and lone surrogates. Python also
  // escapes DEL and everything above it, one UTF-16 unit at a time, which turns astral characters into pairs.
  return JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

function pythonNumber(value: number): string {
  if (!Number.isFinite(value)) return 'null'
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return String(Object.is(value, -0) ? 0 : value)

  // Python's float repr uses the shortest round-trip digits, like JavaScript, but switches to exponent notation
  // when the decimal exponent is below -4 or at least 16, and writes at least two exponent digits.
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e')
  const exponent = Number(exponentText)
  if (exponent < -4 || exponent >= 16) {
    const sign = exponent < 0 ? '-' : '+'
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`
  }
  return String(value)
}
