import { describe, expect, it } from 'vitest'
import { outputNames } from './output-names'

describe('outputNames', () => {
  it('keeps the quick profile on the docs index', () => {
    expect(outputNames('quick')).toMatchObject({ json: 'latest.json', page: 'index.md', chartPrefix: '' })
  })

  it('writes the full profile beside the quick one', () => {
    const full = outputNames('full')
    expect(full.json).not.toBe(outputNames('quick').json)
    expect(full.page).toBe('full.md')
    expect(full.chartPrefix).toBe('full-')
  })

  it('links the two pages to each other', () => {
    expect(outputNames('quick').companionPage?.page).toBe('full.md')
    expect(outputNames('full').companionPage?.page).toBe('index.md')
  })

  it('links nothing from the smoke run', () => {
    expect(outputNames('smoke').companionPage).toBeUndefined()
  })
})
