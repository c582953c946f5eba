import { describe, expect, it } from 'vitest'
import { dropBlankTextBlocks, isBlankTextBlock, messageProse } from './text-blocks'

describe('dropBlankTextBlocks', () => {
  it('drops empty text', () => {
    expect(dropBlankTextBlocks([{ text: '' }, { text: 'a' }])).toEqual([{ text: 'a' }])
  })

  it('drops whitespace-only text', () => {
    expect(dropBlankTextBlocks([{ text: ' \n\t ' }, { text: ' a ' }])).toEqual([{ text: ' a ' }])
  })

  it('keeps blocks that are not text', () => {
    const toolUse = { toolUse: { name: 'n', toolUseId: 'i', input: {} } }
    const cachePoint = { cachePoint: { cacheType: 'default' } }
    expect(dropBlankTextBlocks([toolUse, cachePoint])).toEqual([toolUse, cachePoint])
  })

  it('returns nothing when all are blank', () => {
    expect(dropBlankTextBlocks([{ text: '' }, { text: '   ' }])).toEqual([])
  })

  it('keeps blank text inside tool results', () => {
    const result = { toolResult: { toolUseId: 't', status: 'success', content: [{ text: '' }] } }
    expect(dropBlankTextBlocks([result])).toEqual([result])
  })

  it('treats a non-string text as blank', () => {
    expect(isBlankTextBlock({ text: null })).toBe(true)
    expect(isBlankTextBlock({ image: {} })).toBe(false)
  })
})

describe('messageProse', () => {
  it('returns undefined without text', () => {
    expect(messageProse('assistant', [{ toolUse: { name: 'n', toolUseId: 'i', input: {} } }])).toBeUndefined()
  })

  it('marks tool results as TOOL', () => {
    const content = [
      { toolResult: { toolUseId: 'a', status: 'success', content: [{ text: 'first' }] } },
      { toolResult: { toolUseId: 'b', status: 'error', content: [{ json: {} }, { text: 'second' }] } },
    ]
    expect(messageProse('user', content)).toEqual({ text: 'first\n\nsecond', role: 'TOOL' })
  })

  it('needs prose besides tool results', () => {
    const content = [
      { text: 'See the chart.' },
      { toolResult: { toolUseId: 'a', status: 'success', content: [{ json: 1 }] } },
    ]
    expect(messageProse('user', content)).toEqual({ text: 'See the chart.', role: 'TOOL' })
    expect(messageProse('user', [content[1] ?? {}])).toBeUndefined()
  })
})
