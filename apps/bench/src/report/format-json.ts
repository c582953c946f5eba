const lineWidth = 120
const primitive = String.raw`(?:-?[\d.eE+-]+|"(?:[^"\\\n]|\\.)*"|true|false|null)`
// An array whose items are all numbers, strings, booleans or null, as JSON.stringify prints it over several lines.
const primitiveArray = new RegExp(String.raw`\[\n(?: *${primitive},\n)* *${primitive}\n *\]`, 'g')

/**
 * Serialises `value` with two-space indentation and puts arrays of primitives on one line when the line stays
 * within 120 columns, the layout that the repository's formatter (Biome) produces, so that a committed result
 * file passes the format check unchanged.
 */
export function formatJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2)
  const collapsed = text.replace(primitiveArray, (array: string, offset: number) => {
    const items = array
      .slice(1, -1)
      .split(',\n')
      .map((item) => item.trim())
    const inline = `[${items.join(', ')}]`
    const indent = offset - (text.lastIndexOf('\n', offset) + 1)
    const comma = text[offset + array.length] === ',' ? 1 : 0
    return indent + inline.length + comma <= lineWidth ? inline : array
  })
  return `${collapsed}\n`
}
