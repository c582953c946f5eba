import type { Clock } from '@agentcore-session/core'
import {
  type BaseModelConfig,
  type Message,
  type MessageData,
  Model,
  type ModelStreamEvent,
  type StreamOptions,
} from '@strands-agents/sdk'
import { abortableSleep } from '../internal/abortable-sleep'
import {
  type ScriptedCallInfo,
  type ScriptedResponder,
  type ScriptedToolUse,
  type ScriptedTurn,
  splitIntoTokens,
} from './scripted-turn'

/** Options of {@link ScriptedModel}. */
export interface ScriptedModelOptions {
  /**
   * The turns to play: a list played in order, one per `stream()` call, or a function that picks each turn
   * from the conversation. A list that runs out makes `stream()` throw.
   */
  turns: readonly ScriptedTurn[] | ScriptedResponder
  /** Default delay before the first event of a turn, in milliseconds. Default 0. */
  timeToFirstTokenMs?: number
  /** Default delay between two deltas, in milliseconds. Default 0. */
  tokenDelayMs?: number
  /** Source of the timestamps recorded for each call, in epoch milliseconds. Default `Date.now`. */
  clock?: Clock
  /** Model id reported by `getConfig()`. Default `'scripted-model'`. */
  modelId?: string
}

/** Configuration that {@link ScriptedModel} exposes through Strands' `Model` API. */
export interface ScriptedModelConfig extends BaseModelConfig {
  /** Default delay before the first event of a turn, in milliseconds. */
  timeToFirstTokenMs?: number
  /** Default delay between two deltas, in milliseconds. */
  tokenDelayMs?: number
}

/** One recorded `stream()` call. */
export interface ScriptedModelCall {
  /** Zero-based index of the call on this model. */
  index: number
  /** Clock time when `stream()` was entered. */
  startedAt: number
  /** Clock time when the first delta was emitted, or undefined when none was. */
  firstTokenAt?: number
  /** Clock time when the stream finished, failed or was cancelled; undefined while it runs. */
  endedAt?: number
  /**
   * Outcome of the call, undefined while it runs. `closed` means that the agent stopped reading before the end,
   * which happens when it notices a cancellation between two events.
   */
  outcome?: 'completed' | 'failed' | 'cancelled' | 'closed'
  /** The messages the model received, as JSON. They include context that middleware added for this call. */
  messages: MessageData[]
  /** The system prompt the model received, as JSON. */
  systemPrompt?: unknown
  /** Names of the tools the agent offered. */
  toolNames: string[]
  /** Session id that the agent passed in `agentMetadata`; present only when a session manager is attached. */
  sessionId?: string
}

const DEFAULT_MODEL_ID = 'scripted-model'

/**
 * A deterministic, offline Strands `Model` for tests, demos and benchmarks.
 *
 * Each `stream()` call plays one {@link ScriptedTurn}: it waits the time to first token, streams the text as
 * deltas with a delay between them, streams any tool calls, then stops and reports usage. Every delay honours
 * the agent's cancel signal, so `agent.cancel()` ends the stream at once. Every call is recorded in
 * {@link ScriptedModel.calls} with the messages the model received and timestamps from the injected clock.
 */
export class ScriptedModel extends Model<ScriptedModelConfig> {
  readonly #turns: readonly ScriptedTurn[] | ScriptedResponder
  readonly #clock: Clock
  readonly #calls: ScriptedModelCall[] = []
  #config: ScriptedModelConfig

  constructor(options: ScriptedModelOptions) {
    super()
    assertDelay('timeToFirstTokenMs', options.timeToFirstTokenMs)
    assertDelay('tokenDelayMs', options.tokenDelayMs)
    this.#turns = options.turns
    this.#clock = options.clock ?? Date.now
    this.#config = {
      modelId: options.modelId ?? DEFAULT_MODEL_ID,
      timeToFirstTokenMs: options.timeToFirstTokenMs ?? 0,
      tokenDelayMs: options.tokenDelayMs ?? 0,
    }
  }

  /** Every `stream()` call so far, oldest first. */
  get calls(): readonly ScriptedModelCall[] {
    return this.#calls
  }

  /** Merges `modelConfig` into the current configuration. */
  override updateConfig(modelConfig: ScriptedModelConfig): void {
    assertDelay('timeToFirstTokenMs', modelConfig.timeToFirstTokenMs)
    assertDelay('tokenDelayMs', modelConfig.tokenDelayMs)
    this.#config = { ...this.#config, ...modelConfig }
  }

  /** Returns a copy of the current configuration. */
  override getConfig(): ScriptedModelConfig {
    return { ...this.#config }
  }

  /** Plays the next scripted turn as a stream of model events. */
  override async *stream(messages: Message[], options: StreamOptions = {}): AsyncGenerator<ModelStreamEvent> {
    const signal = options.cancelSignal
    const toolNames = (options.toolSpecs ?? []).map((spec) => spec.name)
    const call: ScriptedModelCall = {
      index: this.#calls.length,
      startedAt: this.#clock(),
      messages: messages.map((message) => message.toJSON()),
      toolNames,
    }
    if (options.systemPrompt !== undefined) call.systemPrompt = structuredClone(options.systemPrompt)
    if (options.agentMetadata?.sessionId !== undefined) call.sessionId = options.agentMetadata.sessionId
    this.#calls.push(call)

    try {
      const turn = this.#pickTurn(call.messages, { index: call.index, toolNames })
      const tokenDelayMs = turn.tokenDelayMs ?? this.#config.tokenDelayMs ?? 0
      await abortableSleep(turn.timeToFirstTokenMs ?? this.#config.timeToFirstTokenMs ?? 0, signal)
      if (turn.error !== undefined) throw turn.error

      yield { type: 'modelMessageStartEvent', role: 'assistant' }

      let outputCharacters = 0
      let deltaCount = 0
      const beforeDelta = async (): Promise<void> => {
        if (deltaCount > 0) await abortableSleep(tokenDelayMs, signal)
        deltaCount += 1
        call.firstTokenAt ??= this.#clock()
      }

      const tokens = typeof turn.text === 'string' ? splitIntoTokens(turn.text) : (turn.text ?? [])
      if (tokens.length > 0) {
        yield { type: 'modelContentBlockStartEvent' }
        for (const token of tokens) {
          await beforeDelta()
          outputCharacters += token.length
          yield { type: 'modelContentBlockDeltaEvent', delta: { type: 'textDelta', text: token } }
        }
        yield { type: 'modelContentBlockStopEvent' }
      }

      const toolUses = turn.toolUses ?? []
      for (const [position, toolUse] of toolUses.entries()) {
        const toolUseId = toolUse.toolUseId ?? `tooluse_${call.index}_${position}`
        const input = JSON.stringify(toolUse.input)
        yield { type: 'modelContentBlockStartEvent', start: { type: 'toolUseStart', name: toolUse.name, toolUseId } }
        await beforeDelta()
        outputCharacters += input.length
        yield { type: 'modelContentBlockDeltaEvent', delta: { type: 'toolUseInputDelta', input } }
        yield { type: 'modelContentBlockStopEvent' }
      }

      if (turn.redactInput !== undefined) {
        yield { type: 'modelRedactionEvent', inputRedaction: { replaceContent: turn.redactInput } }
      }

      yield { type: 'modelMessageStopEvent', stopReason: turn.stopReason ?? defaultStopReason(toolUses) }

      const inputTokens = turn.usage?.inputTokens ?? estimateTokens(JSON.stringify(call.messages).length)
      const outputTokens = turn.usage?.outputTokens ?? estimateTokens(outputCharacters)
      const endedAt = this.#clock()
      yield {
        type: 'modelMetadataEvent',
        usage: { ...turn.usage, inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
        metrics: { latencyMs: Math.max(0, endedAt - call.startedAt) },
      }
      call.outcome = 'completed'
    } catch (error) {
      call.outcome = signal?.aborted ? 'cancelled' : 'failed'
      throw error
    } finally {
      call.endedAt = this.#clock()
      call.outcome ??= 'closed'
    }
  }

  #pickTurn(messages: readonly MessageData[], info: ScriptedCallInfo): ScriptedTurn {
    if (typeof this.#turns === 'function') return this.#turns(messages, info)

    const turn = this.#turns[info.index]
    if (turn === undefined) {
      throw new Error(
        `ScriptedModel has no turn for call ${info.index}: the script contains ${this.#turns.length} turns. ` +
          'Add turns, or pass a function that picks a turn from the messages.',
      )
    }
    return turn
  }
}

function defaultStopReason(toolUses: readonly ScriptedToolUse[]): 'toolUse' | 'endTurn' {
  return toolUses.length > 0 ? 'toolUse' : 'endTurn'
}

/** Estimates tokens as one per four characters, the rule of thumb that Strands' own `countTokens` uses. */
function estimateTokens(characters: number): number {
  return Math.ceil(characters / 4)
}

function assertDelay(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
    throw new RangeError(`Invalid ${name} ${value}: expected a non-negative number of milliseconds.`)
  }
}
