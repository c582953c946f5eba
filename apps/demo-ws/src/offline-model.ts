import {
  type BaseModelConfig,
  type Message,
  Model,
  type ModelStreamEvent,
  type StreamOptions,
  type ToolResultBlock,
} from '@strands-agents/sdk'
import { currentTimeToolName } from './current-time-tool'

/** Delays of the offline model, in milliseconds. */
export interface OfflineModelDelays {
  /** Pause before the first token, like a hosted model's time to first byte. */
  firstTokenMs: number
  /** Minimum pause between two tokens, in milliseconds. */
  minTokenMs: number
  /** Maximum pause between two tokens, in milliseconds. Each pause is drawn uniformly between the two. */
  maxTokenMs: number
}

/** Delays that feel like a hosted model streaming about 30 tokens per second. */
export const realisticDelays: OfflineModelDelays = { firstTokenMs: 300, minTokenMs: 15, maxTokenMs: 45 }

/** Configuration of {@link OfflineModel}. */
export interface OfflineModelConfig extends BaseModelConfig {
  /** Token pacing; {@link realisticDelays} when omitted. */
  delays?: OfflineModelDelays
}

const timeQuestion = /\b(what time|the time|time is it|current time|clock)\b/i
const preferenceStatement = /\bI (?:really )?(like|love|prefer|enjoy)\s+([^.!?\n]+)/i
const taggedSection = /<([A-Za-z][\w-]*)>[\s\S]*?<\/\1>/g
const recallQuestion = /\b(what do (?:I|you know I) (?:like|love|prefer|enjoy)|remember|what did I (?:say|tell))\b/i

/**
 * Scripted offline model for the demo. It streams a reply word by word with configurable delays and calls the
 * `current_time` tool when the prompt requests the time. It also repeats what it learned about the user from the
 * restored history and from the long-term memory context it receives ("You told me you like green tea.").
 *
 * The reply depends only on the messages, so it is deterministic apart from the time and the delays.
 */
export class OfflineModel extends Model<OfflineModelConfig> {
  #config: OfflineModelConfig

  constructor(config: OfflineModelConfig = {}) {
    super()
    this.#config = { modelId: 'offline-demo-model', ...config }
  }

  override updateConfig(config: OfflineModelConfig): void {
    this.#config = { ...this.#config, ...config }
  }

  override getConfig(): OfflineModelConfig {
    return this.#config
  }

  override async *stream(messages: Message[], options?: StreamOptions): AsyncIterable<ModelStreamEvent> {
    const delays = this.#config.delays ?? realisticDelays
    const signal = options?.cancelSignal
    const canCallClock = options?.toolSpecs?.some((spec) => spec.name === currentTimeToolName) ?? false
    const plan = planReply(messages, canCallClock)

    yield { type: 'modelMessageStartEvent', role: 'assistant' }
    await sleep(delays.firstTokenMs, signal)

    let outputTokens = 0
    if (plan.text) {
      yield { type: 'modelContentBlockStartEvent' }
      for (const word of plan.text.split(/(?<=\s)/)) {
        // The agent checks for cancellation between events, so stopping early here ends the turn promptly.
        if (signal?.aborted) break
        yield { type: 'modelContentBlockDeltaEvent', delta: { type: 'textDelta', text: word } }
        outputTokens++
        await sleep(randomBetween(delays.minTokenMs, delays.maxTokenMs), signal)
      }
      yield { type: 'modelContentBlockStopEvent' }
    }

    if (plan.toolUseId) {
      yield {
        type: 'modelContentBlockStartEvent',
        start: { type: 'toolUseStart', name: currentTimeToolName, toolUseId: plan.toolUseId },
      }
      yield { type: 'modelContentBlockDeltaEvent', delta: { type: 'toolUseInputDelta', input: '{}' } }
      yield { type: 'modelContentBlockStopEvent' }
      outputTokens++
    }

    yield { type: 'modelMessageStopEvent', stopReason: plan.toolUseId ? 'toolUse' : 'endTurn' }
    const inputTokens = Math.ceil(JSON.stringify(messages.map((message) => message.toJSON())).length / 4)
    yield {
      type: 'modelMetadataEvent',
      usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
    }
  }
}

interface ReplyPlan {
  text: string
  toolUseId?: string
}

/** Chooses the reply from the conversation: a tool call, a tool-result summary, or text about the prompt. */
function planReply(messages: readonly Message[], canCallClock: boolean): ReplyPlan {
  const last = messages.at(-1)
  const toolResult = last?.content.find((block): block is ToolResultBlock => block.type === 'toolResultBlock')
  if (last?.role === 'user' && toolResult) return { text: describeToolResult(toolResult) }

  const { prompt, context } = last?.role === 'user' ? splitPrompt(textsOf(last)) : { prompt: '', context: '' }

  if (canCallClock && timeQuestion.test(prompt)) {
    return { text: 'Let me check the clock. ', toolUseId: `tooluse_${messages.length}_${Date.now().toString(36)}` }
  }

  const earlierPrompts = messages
    .slice(0, -1)
    .filter((message) => message.role === 'user')
    .map((message) => splitPrompt(textsOf(message)).prompt)
    .filter((text) => text !== '')
  const remembered = [...readMemoryContext(context), ...earlierPrompts.flatMap(findPreferences)]
  const uniqueRemembered = [...new Set(remembered)]

  const stated = prompt.match(preferenceStatement)
  if (stated?.[1] && stated[2]) {
    return { text: `Noted: you ${stated[1].toLowerCase()} ${stated[2].trim()}. I will remember that next time.` }
  }

  if (recallQuestion.test(prompt)) {
    if (uniqueRemembered.length > 0) return { text: `You told me you ${joinList(uniqueRemembered)}.` }
    const previous = earlierPrompts.at(-1)
    if (previous) return { text: `Earlier you said: "${previous}".` }
    return { text: 'I do not remember anything about you yet. Tell me something you like.' }
  }

  const parts = [`You said: "${prompt}".`]
  if (uniqueRemembered.length > 0) parts.push(`You told me you ${joinList(uniqueRemembered)}.`)
  parts.push(
    earlierPrompts.length > 0
      ? `This is prompt ${earlierPrompts.length + 1} of our conversation.`
      : 'This is the start of our conversation.',
  )
  parts.push('I am the offline demo model, so ask me the time or tell me what you like.')
  return { text: parts.join(' ') }
}

/**
 * Separates the user's words from long-term memory context that a session manager added for this model call.
 * Context arrives as tagged sections (`<tag>…</tag>`), either as extra text blocks or inside the prompt's block,
 * so tagged sections count as context and the remaining text as the prompt.
 */
function splitPrompt(texts: readonly string[]): { prompt: string; context: string } {
  const context: string[] = []
  const promptParts: string[] = []
  for (const text of texts) {
    const rest = text.replace(taggedSection, (section) => {
      context.push(section)
      return ' '
    })
    if (rest.trim()) promptParts.push(rest.trim())
  }
  return { prompt: promptParts.join(' '), context: context.join('\n') }
}

function textsOf(message: Message): string[] {
  return message.content.flatMap((block) => (block.type === 'textBlock' && block.text.trim() ? [block.text] : []))
}

function findPreferences(text: string): string[] {
  const found: string[] = []
  for (const line of text.split(/[\n.!?]/)) {
    const match = line.match(preferenceStatement)
    if (match?.[1] && match[2]) found.push(`${match[1].toLowerCase()} ${match[2].trim()}`)
  }
  return found
}

/**
 * Reads long-term memory records from a context block and restates each as a clause about "you". Records of the
 * user-preference strategy are JSON with a `preference` such as "Likes green tea"; semantic records are sentences
 * such as "The user lives in Paris."
 */
function readMemoryContext(context: string): string[] {
  const clauses: string[] = []
  const body = context.replace(/<\/?[A-Za-z][\w-]*>/g, '\n')
  for (const line of body.split('\n')) {
    const text = line.trim()
    if (!text) continue
    const preference = parsePreference(text)
    if (preference) {
      clauses.push(preference)
      continue
    }
    const stated = findPreferences(text)
    if (stated.length > 0) {
      clauses.push(...stated)
      continue
    }
    const fact = text.match(/^The user(?:'s (.+?)| (.+?))\.?$/)
    if (fact?.[1]) clauses.push(`said your ${fact[1]}`)
    else if (fact?.[2]) clauses.push(toSecondPerson(fact[2]))
  }
  return clauses
}

const preferenceVerbs: Record<string, string> = {
  likes: 'like',
  prefers: 'prefer',
  dislikes: 'dislike',
  avoids: 'avoid',
}

function parsePreference(text: string): string | undefined {
  if (!text.startsWith('{')) return undefined
  let record: unknown
  try {
    record = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof record !== 'object' || record === null || !('preference' in record)) return undefined
  const preference = record.preference
  if (typeof preference !== 'string') return undefined
  const [verb = '', ...rest] = preference.trim().split(/\s+/)
  const mapped = preferenceVerbs[verb.toLowerCase()]
  return mapped ? `${mapped} ${rest.join(' ')}` : `prefer: ${preference}`
}

/** Turns the rest of "The user lives in Paris" into "live in Paris". */
function toSecondPerson(rest: string): string {
  const [verb = '', ...tail] = rest.split(' ')
  const irregular: Record<string, string> = { is: 'are', has: 'have', goes: 'go', does: 'do' }
  const base = irregular[verb] ?? verb.replace(/ies$/, 'y').replace(/(?<=[^s])s$/, '')
  return [base, ...tail].join(' ')
}

function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

function describeToolResult(block: ToolResultBlock): string {
  if (block.status === 'error') return 'I could not read the clock.'
  let utc: string | undefined
  for (const item of block.toJSON().toolResult.content) {
    if ('json' in item && typeof item.json === 'object' && item.json !== null && 'utc' in item.json) {
      const value = item.json.utc
      if (typeof value === 'string') utc = value
    }
  }
  return utc ? `It is ${utc} (UTC) right now.` : 'I read the clock, but its answer was empty.'
}

function randomBetween(min: number, max: number): number {
  return min + Math.random() * Math.max(0, max - min)
}

/** Waits `ms` milliseconds, or less when the signal aborts first. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve()
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer)
      resolve()
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
