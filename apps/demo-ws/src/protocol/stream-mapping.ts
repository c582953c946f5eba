import type { AgentStreamEvent, ContentBlock, Message, ToolResultBlock } from '@strands-agents/sdk'
import type { ServerMessage, WireBlock, WireMessage } from './messages'

/**
 * Maps one Strands stream event to the wire messages it produces: text deltas become `token`, completed tool-use
 * blocks become `tool_call`, tool results become `tool_result`. Every other event maps to nothing.
 *
 * This is the only place that depends on the nesting of `@strands-agents/sdk@1.19.0` stream events, so a change in
 * that shape is fixed here.
 */
export function toServerMessages(event: AgentStreamEvent, turnId: string): ServerMessage[] {
  switch (event.type) {
    case 'modelStreamUpdateEvent': {
      const update = event.event
      if (update.type === 'modelContentBlockDeltaEvent' && update.delta.type === 'textDelta' && update.delta.text) {
        return [{ type: 'token', turnId, text: update.delta.text }]
      }
      return []
    }
    case 'contentBlockEvent': {
      const block = event.contentBlock
      if (block.type === 'toolUseBlock') {
        return [{ type: 'tool_call', turnId, toolUseId: block.toolUseId, name: block.name, input: block.input }]
      }
      return []
    }
    case 'toolResultEvent':
      return [{ type: 'tool_result', turnId, ...toolResultFields(event.result) }]
    default:
      return []
  }
}

/** Converts restored Strands messages into the history the page renders, dropping blocks it cannot show. */
export function toWireHistory(messages: readonly Message[]): WireMessage[] {
  const history: WireMessage[] = []
  for (const message of messages) {
    const blocks = message.content.flatMap(toWireBlock)
    if (blocks.length > 0) history.push({ role: message.role, blocks })
  }
  return history
}

function toWireBlock(block: ContentBlock): WireBlock[] {
  switch (block.type) {
    case 'textBlock':
      return [{ type: 'text', text: block.text }]
    case 'toolUseBlock':
      return [{ type: 'toolUse', toolUseId: block.toolUseId, name: block.name, input: block.input }]
    case 'toolResultBlock':
      return [{ type: 'toolResult', ...toolResultFields(block) }]
    default:
      return []
  }
}

function toolResultFields(block: ToolResultBlock): Omit<Extract<WireBlock, { type: 'toolResult' }>, 'type'> {
  return { toolUseId: block.toolUseId, status: block.status, content: block.toJSON().toolResult.content }
}
