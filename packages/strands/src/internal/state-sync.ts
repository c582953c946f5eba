import type { MemorySession } from '@agentcore-session/core'
import type { LocalAgent } from '@strands-agents/sdk'
import { captureAgentState, EMPTY_AGENT_STATE, stateFingerprint } from './agent-state'

/**
 * Saves the agent's app state, model state and interrupt state when they differ from the last state that
 * the session restored or saved, so an invocation that changes nothing writes no state event.
 */
export class StateSync {
  readonly #session: MemorySession
  #lastFingerprint: string | undefined

  constructor(session: MemorySession) {
    this.#session = session
  }

  /**
   * Sets the baseline after a restore: the agent's state when the session stored one, else the empty state,
   * so state that the agent was built with is saved at the end of its first invocation.
   */
  resetBaseline(agent: LocalAgent, restoredState: boolean): void {
    this.#lastFingerprint = stateFingerprint(restoredState ? captureAgentState(agent) : EMPTY_AGENT_STATE)
  }

  /** Saves the state when it changed; returns whether a save was sent. */
  async saveIfChanged(agent: LocalAgent): Promise<boolean> {
    const state = captureAgentState(agent)
    const fingerprint = stateFingerprint(state)
    if (fingerprint === this.#lastFingerprint) return false

    const saved = await this.#session.saveAgentState(state)
    this.#lastFingerprint = fingerprint
    return saved
  }
}
