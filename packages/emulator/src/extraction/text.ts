// Deterministic text helpers behind extraction and relevance scoring. They
// stand in for the service's language model and embeddings, so they aim at
// plausible results for everyday English, not at linguistic accuracy.

const stopWords = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other ' +
    'our ours ourselves out over own same she should so some such than that the their theirs them themselves then there ' +
    'these they this those through to too under until up very was we were what when where which while who whom why will ' +
    'with would you your yours yourself yourselves tell know please thanks thank also really us let'
  ).split(' '),
)

// Words that mean the same for retrieval, mapped to one stem after stemming.
const synonyms = new Map<string, string>([
  ['lov', 'lik'],
  ['enjoy', 'lik'],
  ['ador', 'lik'],
  ['fond', 'lik'],
  ['favorit', 'lik'],
  ['favourit', 'lik'],
  ['prefer', 'lik'],
  ['beverag', 'drink'],
  ['eat', 'food'],
  ['resid', 'liv'],
  ['hom', 'liv'],
  ['job', 'work'],
  ['employ', 'work'],
  ['call', 'nam'],
])

/** Lower-cases, removes the possessive `'s`, and strips common English suffixes. */
export function stem(word: string): string {
  let stemmed = word.toLowerCase().replace(/['’]s$/, '')
  if (stemmed.length > 4 && stemmed.endsWith('ies')) stemmed = `${stemmed.slice(0, -3)}y`
  else if (stemmed.length > 5 && stemmed.endsWith('ing')) stemmed = stemmed.slice(0, -3)
  else if (stemmed.length > 4 && stemmed.endsWith('ed')) stemmed = stemmed.slice(0, -2)
  else if (stemmed.length > 4 && /(ches|shes|xes|sses)$/.test(stemmed)) stemmed = stemmed.slice(0, -2)
  else if (stemmed.length > 3 && stemmed.endsWith('s') && !stemmed.endsWith('ss')) stemmed = stemmed.slice(0, -1)
  if (stemmed.length > 3 && stemmed.endsWith('e')) stemmed = stemmed.slice(0, -1)
  return synonyms.get(stemmed) ?? stemmed
}

/** Splits text into lower-case words of letters and digits. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? []
}

/** Returns the stemmed content words of a text, stop words removed. */
export function contentTerms(text: string): string[] {
  return words(text)
    .filter((word) => !stopWords.has(word.replace(/['’].*$/, '')))
    .map(stem)
    .filter((term) => term.length > 0)
}

/** Splits text into trimmed sentences at `.`, `!`, `?` and line breaks. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0)
}

/** Removes trailing punctuation and filler such as "very much" from a phrase. */
export function trimPhrase(phrase: string): string {
  return phrase
    .trim()
    .replace(/[\s.!?,;:]+$/, '')
    .replace(/\s+(?:very much|a lot|so much|too|as well)$/i, '')
    .trim()
}

/** Rewrites first-person words of a phrase into third person ("my tea" → "their tea"). */
export function toThirdPerson(phrase: string): string {
  return phrase
    .replace(/\bI'm\b/g, 'they are')
    .replace(/\bI am\b/g, 'they are')
    .replace(/\bI've\b/g, 'they have')
    .replace(/\bI\b/g, 'they')
    .replace(/\bmy\b/gi, 'their')
    .replace(/\bmine\b/gi, 'theirs')
    .replace(/\bme\b/gi, 'them')
    .replace(/\bmyself\b/gi, 'themselves')
}

/** Normalises text for near-duplicate detection: stemmed content words, as a set. */
export function termSet(text: string): Set<string> {
  return new Set(contentTerms(text))
}
