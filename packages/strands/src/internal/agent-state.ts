import type { LocalAgent, Snapshot } from '@strands-agents/sdk'
import type { AgentState, JsonObject, JsonValue } from './core-contract'

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
  if (data.interrupts !== undefined && data.interrupts !== null) state.interruptState = data.interrupts as JsonValue
  return state
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
