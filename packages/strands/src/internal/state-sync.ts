import type { LocalAgent } from '@strands-agents/sdk'
import { captureAgentState, stateFingerprint } from './agent-state'
import type { MemorySessionLike } from './core-contract'

/**
 * Saves the agent's app state, model state and interrupt state when they differ from the last state that
 * the session restored or saved, so an invocation that changes nothing writes no state event.
 */
export class StateSync {
  readonly #session: MemorySessionLike
  #lastFingerprint: string | undefined

  constructor(session: MemorySessionLike) {
    this.#session = session
  }

  /** Takes the agent's current state as the baseline, after a restore. */
  resetBaseline(agent: LocalAgent): void {
    this.#lastFingerprint = stateFingerprint(captureAgentState(agent))
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
