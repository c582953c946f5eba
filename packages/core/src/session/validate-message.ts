import { AgentCoreSessionError } from '../errors/agentcore-session-error'
import type { MessageData } from '../message'

/**
 * Checks the shape of a message before it is encoded: an object with role `user` or `assistant`, a content array
 * of objects, string text, and JSON values (no cycles, `bigint`, functions, NaN, or class instances such as
 * `Date`). It guards JavaScript callers and tool inputs built at run time, which the type checker does not see.
 * The error names the message id and the path of the bad value, never its content.
 *
 * @throws {AgentCoreSessionError} code `INVALID_MESSAGE`.
 */
export function validateMessage(message: unknown, id: string): asserts message is MessageData {
  const fail = (path: string, expected: string): never => {
    throw new AgentCoreSessionError(
      'INVALID_MESSAGE',
      `Invalid message ${id}: ${path} must be ${expected}. Pass a message shaped like Strands' Message.toJSON().`,
    )
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    fail('the message', 'an object { role, content }')
  }
  const { role, content } = message as { role?: unknown; content?: unknown }
  if (role !== 'user' && role !== 'assistant') {
    fail('role', "'user' or 'assistant'")
  }
  if (!Array.isArray(content)) {
    fail('content', 'an array of content blocks')
  }
  ;(content as unknown[]).forEach((block, index) => {
    if (typeof block !== 'object' || block === null || Array.isArray(block)) {
      fail(`content[${index}]`, 'an object such as { text }')
    }
    if ('text' in (block as object) && typeof (block as { text: unknown }).text !== 'string') {
      fail(`content[${index}].text`, 'a string')
    }
  })
  ;(content as unknown[]).forEach((block, index) => {
    checkJsonSafe(block, `content[${index}]`, new Set(), fail)
  })
}

function checkJsonSafe(
  value: unknown,
  path: string,
  ancestors: Set<object>,
  fail: (path: string, expected: string) => never,
): void {
  if (typeof value === 'bigint') {
    fail(path, 'a JSON value (a bigint cannot be stored; convert it to a number or a string)')
  }
  if (typeof value === 'function' || typeof value === 'symbol') {
    fail(path, 'a JSON value')
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    fail(path, 'a finite number (JSON has no NaN or Infinity)')
  }
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) {
    return
  }
  const prototype = Object.getPrototypeOf(value)
  if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) {
    fail(path, 'a plain object, an array or a Uint8Array (convert a Date or a Map to JSON first)')
  }
  if (ancestors.has(value)) {
    fail(path, 'free of circular references')
  }
  ancestors.add(value)
  for (const [key, item] of Object.entries(value)) {
    checkJsonSafe(item, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, ancestors, fail)
  }
  ancestors.delete(value)
}
