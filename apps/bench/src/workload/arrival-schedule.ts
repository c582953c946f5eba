/** Arrival pattern of conversations, the same for every mode. */
export interface ArrivalPattern {
  /** Window over which conversation starts are spread uniformly, in milliseconds. 0 starts all at once. */
  spreadMs: number
  /** Pause before each turn after the first (a user reading and typing), drawn uniformly from this range, in milliseconds. */
  thinkMs: readonly [number, number]
}

/** Start offset and pauses of each conversation, in milliseconds. */
export interface ArrivalSchedule {
  startOffsetsMs: number[]
  /** Pauses as `thinkMs[conversation][turn]`. Turn 0 has no pause. */
  thinkMs: number[][]
}

/** A burst: every conversation starts at once and sends its next prompt as soon as a turn ends. */
export const burst: ArrivalPattern = { spreadMs: 0, thinkMs: [0, 0] }

/** Returns a generator of uniform numbers in [0, 1) from a 32-bit seed (mulberry32), so schedules repeat exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let value = state
    value = Math.imul(value ^ (value >>> 15), value | 1)
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61)
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296
  }
}

/** Draws the schedule of `conversations` conversations of `turns` turns from `seed`. */
export function createArrivalSchedule(
  pattern: ArrivalPattern,
  conversations: number,
  turns: number,
  seed: number,
): ArrivalSchedule {
  const random = seededRandom(seed)
  const [thinkMin, thinkMax] = pattern.thinkMs
  if (!(pattern.spreadMs >= 0 && thinkMin >= 0 && thinkMax >= thinkMin)) {
    throw new RangeError(
      `Invalid arrival pattern spreadMs=${pattern.spreadMs}, thinkMs=[${thinkMin}, ${thinkMax}]: expected non-negative milliseconds with min ≤ max.`,
    )
  }
  const startOffsetsMs: number[] = []
  const thinkMs: number[][] = []
  for (let conversation = 0; conversation < conversations; conversation += 1) {
    startOffsetsMs.push(Math.round(random() * pattern.spreadMs))
    thinkMs.push(
      Array.from({ length: turns }, (_, turn) =>
        turn === 0 ? 0 : Math.round(thinkMin + random() * (thinkMax - thinkMin)),
      ),
    )
  }
  return { startOffsetsMs, thinkMs }
}
