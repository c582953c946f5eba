import { describe, expect, it } from 'vitest'
import { countCodePoints, fitsConversationalText, MAX_CONVERSATIONAL_CHARS } from './limits'

describe('countCodePoints', () => {
  it('counts a surrogate pair once', () => {
    expect(countCodePoints('a😀b')).toBe(3)
  })

  it('counts a lone surrogate once', () => {
    expect(countCodePoints('\ud83d')).toBe(1)
    expect(countCodePoints('\ude00x')).toBe(2)
  })

  it('counts combining marks separately', () => {
    expect(countCodePoints('e\u0301')).toBe(2)
  })
})

describe('fitsConversationalText', () => {
  it('accepts the limit exactly', () => {
    expect(fitsConversationalText('x'.repeat(MAX_CONVERSATIONAL_CHARS))).toBe(true)
  })

  it('rejects one over the limit', () => {
    expect(fitsConversationalText('x'.repeat(MAX_CONVERSATIONAL_CHARS + 1))).toBe(false)
  })

  it('rejects empty text', () => {
    expect(fitsConversationalText('')).toBe(false)
  })

  it('accepts multi-byte BMP text by characters', () => {
    // 300 000 UTF-8 bytes, but 100 000 characters in both counts.
    expect(fitsConversationalText('€'.repeat(MAX_CONVERSATIONAL_CHARS))).toBe(true)
  })

  it('rejects astral text over 100 000 UTF-16 units', () => {
    expect(fitsConversationalText('😀'.repeat(MAX_CONVERSATIONAL_CHARS / 2 + 1))).toBe(false)
  })
})
