/**
 * Returns a deterministic generator of numbers in [0, 1) (mulberry32), so a
 * failing trial can be replayed from the seed that the suite prints.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let value = state
    value = Math.imul(value ^ (value >>> 15), value | 1)
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61)
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** Reads a seed from the environment variable `name`, or derives one from the clock. */
export function seedFromEnvironment(name: string): number {
  const raw = process.env[name]
  if (raw !== undefined && raw !== '') {
    const seed = Number(raw)
    if (!Number.isInteger(seed)) {
      throw new Error(`Invalid ${name} '${raw}': expected an integer seed.`)
    }
    return seed
  }
  return Date.now() % 1_000_000_007
}
