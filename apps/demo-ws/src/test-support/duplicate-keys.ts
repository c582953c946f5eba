/**
 * Returns the keys that appear more than once in one object of a JSON text, as `path.key`. `JSON.parse` keeps the
 * last of two equal keys silently, but strict parsers reject the document, so log tests check with this.
 * Throws a `SyntaxError` on invalid JSON.
 */
export function findDuplicateKeys(text: string): string[] {
  const duplicates: string[] = []
  let index = 0

  const skipWhitespace = () => {
    while (index < text.length && ' \t\n\r'.includes(text[index] ?? '')) index++
  }
  const fail = (): never => {
    throw new SyntaxError(`Invalid JSON at offset ${index}`)
  }
  const readString = (): string => {
    const start = index
    index++
    while (index < text.length && text[index] !== '"') index += text[index] === '\\' ? 2 : 1
    if (text[index] !== '"') fail()
    index++
    return JSON.parse(text.slice(start, index)) as string
  }
  const readValue = (path: string): void => {
    skipWhitespace()
    const char = text[index]
    if (char === '{') readObject(path)
    else if (char === '[') readArray(path)
    else if (char === '"') readString()
    else {
      const match = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(index))
      if (!match) fail()
      index += match?.[0].length ?? 0
    }
  }
  const readObject = (path: string): void => {
    index++
    const keys = new Set<string>()
    skipWhitespace()
    if (text[index] === '}') {
      index++
      return
    }
    for (;;) {
      skipWhitespace()
      if (text[index] !== '"') fail()
      const key = readString()
      if (keys.has(key)) duplicates.push(`${path}${key}`)
      keys.add(key)
      skipWhitespace()
      if (text[index] !== ':') fail()
      index++
      readValue(`${path}${key}.`)
      skipWhitespace()
      if (text[index] === '}') {
        index++
        return
      }
      if (text[index] !== ',') fail()
      index++
    }
  }
  const readArray = (path: string): void => {
    index++
    skipWhitespace()
    if (text[index] === ']') {
      index++
      return
    }
    for (let item = 0; ; item++) {
      readValue(`${path}${item}.`)
      skipWhitespace()
      if (text[index] === ']') {
        index++
        return
      }
      if (text[index] !== ',') fail()
      index++
    }
  }

  readValue('')
  skipWhitespace()
  if (index !== text.length) fail()
  return duplicates
}
