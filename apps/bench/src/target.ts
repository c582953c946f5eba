/** A performance target that the docs state and each run checks. */
export interface Target {
  name: string
  /** The limit as the docs phrase it, for example `≤ 1 ms`. */
  limit: string
  /** The measured value as text, with its unit. */
  measured: string
  pass: boolean
}

/** Builds a target check for "measured must be at most `limit`". */
export function atMost(name: string, measured: number, limit: number, unit: string): Target {
  return {
    name,
    limit: `≤ ${limit} ${unit}`,
    measured: Number.isFinite(measured) ? `${measured.toFixed(2)} ${unit}` : 'not measured',
    pass: Number.isFinite(measured) && measured <= limit,
  }
}

/** Formats target checks as lines of `PASS` or `MISS`. */
export function formatTargets(targets: readonly Target[]): string {
  return targets
    .map((target) => `${target.pass ? 'PASS' : 'MISS'}  ${target.name}: ${target.measured} (target ${target.limit})`)
    .join('\n')
}
