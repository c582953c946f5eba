import { contentTerms, termSet } from './text'

// Weights of the two similarity signals: stemmed words carry the meaning and
// character trigrams forgive spelling variants.
const wordWeight = 0.8
const trigramWeight = 0.2
// Vectors of this many distinct texts stay cached, so that repeated retrievals
// over the same records skip tokenizing them again.
const maxCachedVectors = 20_000

/** Bag-of-words and trigram vectors of one text, with their norms. */
export interface TextVector {
  words: Map<string, number>
  wordNorm: number
  trigrams: Map<string, number>
  trigramNorm: number
}

const vectorCache = new Map<string, TextVector>()

/**
 * Scores how relevant `document` is to `query`, in [0, 1]: a weighted mix of
 * the cosine similarity of stemmed bag-of-words vectors and of character
 * trigram vectors. Deterministic, rounded to 7 significant digits like the
 * service's scores.
 */
export function relevanceScore(query: string, document: string): number {
  return scoreVectors(vectorize(query), cachedVector(document))
}

/** Scores a document vector against a query vector, as `relevanceScore` does. */
export function scoreVectors(query: TextVector, document: TextVector): number {
  const wordScore = cosine(query.words, query.wordNorm, document.words, document.wordNorm)
  const trigramScore = cosine(query.trigrams, query.trigramNorm, document.trigrams, document.trigramNorm)
  const score = wordWeight * wordScore + trigramWeight * trigramScore
  return Number(Math.min(1, Math.max(0, score)).toPrecision(7))
}

/** Builds the vectors of a text. */
export function vectorize(text: string): TextVector {
  const terms = contentTerms(text)
  const words = countVector(terms)
  const trigrams = trigramVector(terms)
  return { words, wordNorm: norm(words), trigrams, trigramNorm: norm(trigrams) }
}

/** Returns the vectors of a stored text, from the cache when it was seen before. */
export function cachedVector(text: string): TextVector {
  let vector = vectorCache.get(text)
  if (vector === undefined) {
    vector = vectorize(text)
    if (vectorCache.size >= maxCachedVectors) {
      const oldest = vectorCache.keys().next().value
      if (oldest !== undefined) vectorCache.delete(oldest)
    }
    vectorCache.set(text, vector)
  }
  return vector
}

/** Jaccard similarity of the stemmed content words of two texts, in [0, 1]. */
export function jaccard(a: string, b: string): number {
  const left = termSet(a)
  const right = termSet(b)
  if (left.size === 0 && right.size === 0) return 1
  let shared = 0
  for (const term of left) if (right.has(term)) shared += 1
  return shared / (left.size + right.size - shared)
}

function countVector(terms: string[]): Map<string, number> {
  const vector = new Map<string, number>()
  for (const term of terms) vector.set(term, (vector.get(term) ?? 0) + 1)
  return vector
}

function trigramVector(terms: string[]): Map<string, number> {
  const vector = new Map<string, number>()
  for (const term of terms) {
    const padded = ` ${term} `
    for (let index = 0; index + 3 <= padded.length; index += 1) {
      const trigram = padded.slice(index, index + 3)
      vector.set(trigram, (vector.get(trigram) ?? 0) + 1)
    }
  }
  return vector
}

function cosine(a: Map<string, number>, aNorm: number, b: Map<string, number>, bNorm: number): number {
  if (aNorm === 0 || bNorm === 0) return 0
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  let dot = 0
  for (const [key, value] of small) dot += value * (large.get(key) ?? 0)
  return dot / (aNorm * bNorm)
}

function norm(vector: Map<string, number>): number {
  let sum = 0
  for (const value of vector.values()) sum += value * value
  return Math.sqrt(sum)
}
