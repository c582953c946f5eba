import type { Conversational } from '@aws-sdk/client-bedrock-agentcore'
import { checkMessage } from './message-shape'
import { parseJson } from './parse-json'
import { readPythonMessageJson } from './python-reader'
import { IGNORED, type ItemResult } from './read-result'

/**
 * Reads a conversational payload item. Text that contains a Python `SessionMessage` envelope or an OpenAI chat
 * message is read as such. Any other text is plain conversational text written by another tool, and becomes one
 * text block:
 * - `USER` and `ASSISTANT` map to `user` and `assistant`;
 * - `TOOL` maps to `user`, because Converse carries tool output in user turns, and plain text has no tool-use id
 *   to pair it with, so it stays text;
 * - `OTHER` has no Strands role and is reported as skipped.
 * Blank text is ignored.
 */
export function readConversational(conversational: Conversational | undefined): ItemResult {
  const text = conversational?.content?.text
  if (typeof text !== 'string') return { kind: 'invalid', reason: 'the conversational item has no text' }

  const role = conversational?.role
  if (role !== 'USER' && role !== 'ASSISTANT' && role !== 'TOOL' && role !== 'OTHER') {
    return { kind: 'invalid', reason: 'the conversational item has an unknown role' }
  }

  const trimmed = text.trimStart()
  if (trimmed.startsWith('{')) {
    const parsed = parseJson(text)
    const fromJson = parsed === undefined ? undefined : readPythonMessageJson(parsed)
    if (fromJson !== undefined) return fromJson
  }

  if (role === 'OTHER') return { kind: 'invalid', reason: 'role OTHER has no Strands equivalent' }

  const checked = checkMessage({ role: role === 'ASSISTANT' ? 'assistant' : 'user', content: [{ text }] })
  if (checked.kind === 'invalid') return checked
  if (checked.kind === 'empty') return IGNORED
  return { kind: 'message', message: checked.message }
}
