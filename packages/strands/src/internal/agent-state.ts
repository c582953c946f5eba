import type { AgentState, JsonObject, JsonValue } from '@agentcore-session/core'
import type { LocalAgent, Snapshot } from '@strands-agents/sdk'

/**
 * Reads the agent's app state, model state and interrupt state as JSON through Strands' own snapshot API,
 * so interrupt state (private on the agent) is captured exactly as Strands serialises it.
 */
export function captureAgentState(agent: LocalAgent): AgentState {
  const { data } = agent.takeSnapshot({ include: ['state', 'modelState', 'interrupts'] })
  const state: AgentState = {
    appState: (data.state ?? {}) as JsonObject,
    modelState: (data.modelState ?? {}) as JsonObject,
  }
  if (hasInterruptData(data.interrupts)) state.interruptState = data.interrupts as JsonValue
  return state
}

/** The state of an agent that nothing has changed yet: a new session starts from it. */
export const EMPTY_AGENT_STATE: AgentState = { appState: {}, modelState: {} }

/**
 * Tells whether Strands' interrupt state JSON carries anything. A fresh agent serialises
 * `{ interrupts: {}, activated: false }`, which is left out so that an untouched agent has no state to save.
 */
function hasInterruptData(value: unknown): boolean {
  if (value === undefined || value === null || typeof value !== 'object') return false
  const { interrupts, activated, ...rest } = value as { interrupts?: object; activated?: boolean }
  const hasInterrupts = interrupts !== undefined && Object.keys(interrupts).length > 0
  return hasInterrupts || activated === true || Object.keys(rest).length > 0
}

/**
 * Writes restored state and, when given, restored messages into the agent through `loadSnapshot`, which
 * replaces `agent.messages` in place and rebuilds the interrupt state.
 */
export function loadIntoAgent(agent: LocalAgent, content: { state?: AgentState; messages?: JsonValue[] }): void {
  // The schema version comes from the installed SDK, so a newer SDK never rejects what this adapter builds.
  const { schemaVersion } = agent.takeSnapshot({ include: ['state'] })
  const data: Record<string, JsonValue> = {}

  if (content.messages !== undefined) data.messages = content.messages
  if (content.state !== undefined) {
    data.state = content.state.appState
    data.modelState = content.state.modelState
    if (content.state.interruptState !== undefined) data.interrupts = content.state.interruptState
  }

  const snapshot: Snapshot = { scope: 'agent', schemaVersion, createdAt: new Date().toISOString(), data, appData: {} }
  agent.loadSnapshot(snapshot)
}

/** Serialises state with sorted keys, so two equal states give the same string whatever their key order. */
export function stateFingerprint(state: AgentState): string {
  return JSON.stringify(sortKeys(state as unknown as JsonValue))
}

function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value === null || typeof value !== 'object') return value

  const sorted: JsonObject = {}
  for (const key of Object.keys(value).sort()) {
    const entry = value[key]
    if (entry !== undefined) sorted[key] = sortKeys(entry)
  }
  return sorted
}
