import { describe, expect, it } from 'vitest'
import { extractFacts, extractPreferences, preferenceObject, summarize } from './extractors'
import { relevanceScore } from './similarity'

describe('extractFacts', () => {
  it('rewrites a name into third person', () => {
    expect(extractFacts([{ role: 'USER', text: 'My name is Ana. I love green tea.' }])).toEqual([
      "The user's name is Ana.",
    ])
  })

  it('ignores assistant messages and questions', () => {
    const facts = extractFacts([
      { role: 'ASSISTANT', text: 'My name is Bot.' },
      { role: 'USER', text: 'Do I live in Lisbon?' },
    ])
    expect(facts).toEqual([])
  })

  it('extracts places and work', () => {
    const facts = extractFacts([{ role: 'USER', text: 'I live in Lisbon. I work at Acme Corp as of 2024.' }])
    expect(facts).toContain('The user lives in Lisbon.')
    expect(facts).toContain('The user works at Acme Corp as of 2024.')
  })
})

describe('extractPreferences', () => {
  it('returns the service JSON string', () => {
    const [record] = extractPreferences([{ role: 'USER', text: 'My name is Ana. I love green tea.' }])
    const parsed = JSON.parse(record as string) as { context: string; preference: string; categories: string[] }
    expect(parsed.preference).toBe('Likes green tea')
    expect(parsed.context).toBe('The user stated that they love green tea.')
    expect(parsed.categories).toContain('drinks')
    expect(preferenceObject(record as string)).toBe('green tea')
  })

  it('detects dislikes', () => {
    const [record] = extractPreferences([{ role: 'USER', text: "I don't like spicy food." }])
    expect(JSON.parse(record as string).preference).toBe('Dislikes spicy food')
  })
})

describe('summarize', () => {
  it('builds topic XML per user turn', () => {
    const summary = summarize([
      { role: 'USER', text: 'Where is my order ABC-123?' },
      { role: 'ASSISTANT', text: 'It ships tomorrow.' },
    ])
    expect(summary).toBe(
      '<topic name="Where is my order abc">\nThe user said: Where is my order ABC-123? The assistant responded: It ships tomorrow.\n</topic>',
    )
  })
})

describe('relevanceScore', () => {
  const preference =
    '{"context":"The user stated that they love green tea.","preference":"Likes green tea","categories":["drinks","food"]}'

  it('scores a drink question above 0.2', () => {
    expect(relevanceScore('what do I like to drink', preference)).toBeGreaterThan(0.2)
  })

  it('scores a name question above 0.2', () => {
    expect(relevanceScore('what is my name', "The user's name is Ana.")).toBeGreaterThan(0.2)
  })

  it('ranks the related record first', () => {
    const name = relevanceScore('what is my name', "The user's name is Ana.")
    const other = relevanceScore('what is my name', preference)
    expect(name).toBeGreaterThan(other)
  })

  it('stays within 0 and 1', () => {
    expect(relevanceScore('tea', 'tea')).toBe(1)
    expect(relevanceScore('tea', 'bicycle')).toBe(0)
  })
})

describe('clause splitting', () => {
  it('extracts each first-person clause', () => {
    const facts = extractFacts([
      { role: 'USER', text: 'I live in New York and I work as a nurse, but my hobby is chess.' },
    ])
    expect(facts).toEqual(['The user lives in New York.', 'The user works as a nurse.', "The user's hobby is chess."])
  })

  it('keeps a preference and a fact apart', () => {
    const messages = [{ role: 'USER' as const, text: "I'm a teacher and I love jazz." }]
    expect(extractFacts(messages)).toEqual(['The user is a teacher.'])
    expect(extractPreferences(messages).map((record) => JSON.parse(record).preference)).toEqual(['Likes jazz'])
  })
})
