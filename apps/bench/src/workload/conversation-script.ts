import { ScriptedModel, type ScriptedTurn } from '@agentcore-session/strands/testing'
import type { MessageData } from '@strands-agents/sdk'
import { tool } from '@strands-agents/sdk'

/** Timing of the scripted model, the same in every mode. */
export interface ModelTiming {
  /** Delay before the first event of each model call, in milliseconds. */
  timeToFirstTokenMs: number
  /** Delay between two deltas, in milliseconds. */
  tokenDelayMs: number
}

const replyText = 'Here is a short answer of about a dozen words for the benchmark.'

/** Returns the prompt of turn `index`. The second turn of each conversation requests the weather, so the model calls the tool. */
export function promptOf(index: number): string {
  return index === 1 ? 'What is the weather in Paris?' : `Tell me something short, message ${index}.`
}

/** A tool that returns a fixed forecast without I/O. */
export const weatherTool = tool({
  name: 'get_weather',
  description: 'Returns the weather for a city.',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  callback: (input) => `Sunny in ${(input as { city: string }).city}`,
})

/**
 * Picks the reply from the conversation: a weather question gets a short text and a tool call, a tool result
 * gets the final answer, anything else a plain reply. Every model call starts with text, so time to first
 * token is measured the same way in every turn.
 */
function respond(messages: readonly MessageData[]): ScriptedTurn {
  const last = messages.at(-1)
  if (last?.content.some((block) => 'toolResult' in block)) return { text: 'It is sunny in Paris today.' }
  const asksWeather = last?.content.some((block) => 'text' in block && block.text.includes('weather'))
  if (asksWeather) {
    return { text: 'Let me check the weather.', toolUses: [{ name: 'get_weather', input: { city: 'Paris' } }] }
  }
  return { text: replyText }
}

/** Builds the scripted model of one conversation. */
export function createModel(timing: ModelTiming): ScriptedModel {
  return new ScriptedModel({ ...timing, turns: respond })
}
