/**
 * Returns `items` rotated left by `round` places, so that across rounds each item runs first, second, and so
 * on, and drift of the machine during a round hits every item alike.
 */
export function rotate<T>(items: readonly T[], round: number): T[] {
  if (items.length === 0) return []
  const shift = ((round % items.length) + items.length) % items.length
  return [...items.slice(shift), ...items.slice(0, shift)]
}
