import { describe, expect, it } from 'vitest'
import type { MessageData } from '../message'
import { selectRestoreWindow, trimToUserTurnStart } from './history-shape'
import type { RestoredMessage } from './restored-session'

function entry(id: string, message: MessageData): RestoredMessage {
  return { id, eventId: `000000000000000000${id}#00000000`, message }
}

const userText = (id: string) => entry(id, { role: 'user', content: [{ text: `question ${id}` }] })
const assistantText = (id: string) => entry(id, { role: 'assistant', content: [{ text: `answer ${id}` }] })
const toolUse = (id: string) =>
  entry(id, { role: 'assistant', content: [{ toolUse: { name: 'clock', toolUseId: `t${id}`, input: {} } }] })
const toolResult = (id: string) =>
  entry(id, {
    role: 'user',
    content: [{ toolResult: { toolUseId: `t${id}`, status: 'success', content: [{ text: 'noon' }] } }],
  })

const toolTurn = [userText('1'), toolUse('2'), toolResult('3'), assistantText('4')]

describe('selectRestoreWindow', () => {
  it('keeps everything without a limit', () => {
    expect(selectRestoreWindow(toolTurn, undefined).map((item) => item.id)).toEqual(['1', '2', '3', '4'])
  })

  it.each([1, 2, 3])('widens a limit of %i to the newest whole turn', (limit) => {
    expect(selectRestoreWindow(toolTurn, limit).map((item) => item.id)).toEqual(['1', '2', '3', '4'])
  })

  it('keeps at most the limit when a turn starts inside it', () => {
    const history = [...toolTurn, userText('5'), assistantText('6')]
    expect(selectRestoreWindow(history, 3).map((item) => item.id)).toEqual(['5', '6'])
  })

  it('keeps the newest turns when the limit falls on a turn start', () => {
    const history = [userText('1'), assistantText('2'), userText('3'), assistantText('4')]
    expect(selectRestoreWindow(history, 2).map((item) => item.id)).toEqual(['3', '4'])
  })

  it('drops a leading assistant message with no turn start before it', () => {
    const history = [assistantText('1'), userText('2'), assistantText('3')]
    expect(selectRestoreWindow(history, undefined).map((item) => item.id)).toEqual(['2', '3'])
  })

  it('drops an orphan tool result when the scan holds no turn start', () => {
    const history = [toolResult('1'), assistantText('2'), userText('3')]
    expect(selectRestoreWindow(history, 3).map((item) => item.id)).toEqual(['3'])
  })
})

describe('trimToUserTurnStart', () => {
  it('drops leading messages until a user turn starts', () => {
    expect(trimToUserTurnStart([toolUse('1'), toolResult('2'), userText('3')]).map((item) => item.id)).toEqual(['3'])
  })
})
