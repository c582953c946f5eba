/**
 * Metadata key on native message events that names the agent's newest agent-state event at the time the
 * event was written, so a limited restore finds the state without scanning the whole session.
 */
export const STATE_POINTER_KEY = 'stateEventId'

/** Value of {@link STATE_POINTER_KEY} when the agent had no agent-state event. */
export const NO_STATE_POINTER = 'none'

/** The service's event id pattern: epoch milliseconds, `#`, then hex digits. */
const eventIdPattern = /^([0-9]+)#([a-fA-F0-9]+)$/

/** The stored form of an event id: metadata values may not contain `#`, so it is written as `.`. */
const pointerPattern = /^([0-9]+)\.([a-fA-F0-9]+)$/

/**
 * Converts an event id to its metadata value. Returns undefined for an id outside the service's pattern, such
 * as an id from another backend; the event is then written without a pointer.
 */
export function toStatePointer(eventId: string): string | undefined {
  const match = eventIdPattern.exec(eventId)
  return match === null ? undefined : `${match[1]}.${match[2]}`
}

/**
 * Reads a pointer value: the event id it names, `null` for {@link NO_STATE_POINTER}, or undefined when the
 * value is missing or malformed.
 */
export function parseStatePointer(value: string | undefined): string | null | undefined {
  if (value === undefined) return undefined
  if (value === NO_STATE_POINTER) return null
  const match = pointerPattern.exec(value)
  return match === null ? undefined : `${match[1]}#${match[2]}`
}
