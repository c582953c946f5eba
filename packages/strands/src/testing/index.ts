/**
 * Helpers for testing Strands agents that use AgentCore Memory.
 * @module
 */
export { ManualClock } from '@agentcore-session/core/testing'
export {
  ScriptedModel,
  type ScriptedModelCall,
  type ScriptedModelConfig,
  type ScriptedModelOptions,
} from './scripted-model'
export {
  type ScriptedCallInfo,
  type ScriptedResponder,
  type ScriptedToolUse,
  type ScriptedTurn,
  splitIntoTokens,
} from './scripted-turn'
