import { contentTerms, termSet } from './text'

// Weights of the two similarity signals: stemmed words carry the meaning and
// character trigrams forgive spelling variants.
const wordWeight = 0.8
const trigramWeight = 0.2

/**
 * Scores how relevant `document` is to `query`, in [0, 1]: a weighted mix of
 * the cosine similarity of stemmed bag-of-words vectors and of character
 * trigram vectors. Deterministic, rounded to 7 significant digits like the
 * service's scores.
 */
export function relevanceScore(query: string, document: string): number {
  const queryTerms = contentTerms(query)
  const documentTerms = contentTerms(document)
  const wordScore = cosine(countVector(queryTerms), countVector(documentTerms))
  const trigramScore = cosine(trigramVector(queryTerms), trigramVector(documentTerms))
  const score = wordWeight * wordScore + trigramWeight * trigramScore
  return Number(Math.min(1, Math.max(0, score)).toPrecision(7))
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

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  if (a.size === 0 || b.size === 0) return 0
  let dot = 0
  for (const [key, value] of a) dot += value * (b.get(key) ?? 0)
  return dot / (norm(a) * norm(b))
}

function norm(vector: Map<string, number>): number {
  let sum = 0
  for (const value of vector.values()) sum += value * value
  return Math.sqrt(sum)
}
