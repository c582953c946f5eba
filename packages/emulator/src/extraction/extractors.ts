import { sentences, toThirdPerson, trimPhrase, words } from './text'

/** One message that extraction reads, in conversation order. */
export interface ExtractionMessage {
  role: 'USER' | 'ASSISTANT' | 'TOOL' | 'OTHER'
  text: string
}

/** A preference as the service stores it, serialized to JSON in the record text. */
export interface PreferenceRecord {
  context: string
  preference: string
  categories: string[]
}

interface FactRule {
  pattern: RegExp
  render(match: RegExpExecArray): string
}

// Ordered: the first matching rule wins, so specific cues precede generic ones.
const factRules: FactRule[] = [
  { pattern: /\bmy name is ([^,.!?;]+)/i, render: (m) => `The user's name is ${phrase(m[1])}.` },
  { pattern: /\b(?:call me|i go by) ([^,.!?;]+)/i, render: (m) => `The user goes by ${phrase(m[1])}.` },
  { pattern: /\bi live in ([^,.!?;]+)/i, render: (m) => `The user lives in ${phrase(m[1])}.` },
  { pattern: /\bi(?:'m| am) from ([^,.!?;]+)/i, render: (m) => `The user is from ${phrase(m[1])}.` },
  { pattern: /\bi was born (in|on) ([^,.!?;]+)/i, render: (m) => `The user was born ${m[1]} ${phrase(m[2])}.` },
  { pattern: /\bi work (at|for|as|in|on) ([^,.!?;]+)/i, render: (m) => `The user works ${m[1]} ${phrase(m[2])}.` },
  { pattern: /\bi(?:'m| am) (\d{1,3}) years old/i, render: (m) => `The user is ${m[1]} years old.` },
  {
    pattern: /\bmy ([a-z][a-z ]{0,40}?) (?:is|are) ([^,.!?;]+)/i,
    render: (m) => `The user's ${phrase(m[1])} is ${phrase(m[2])}.`,
  },
  { pattern: /\bi (?:have|own) ([^,.!?;]+)/i, render: (m) => `The user has ${phrase(m[1])}.` },
  {
    pattern: /\bi (speak|study|use|drive|play|teach|write|build|run|manage) ([^,.!?;]+)/i,
    render: (m) => `The user ${thirdPersonVerb(m[1] as string)} ${phrase(m[2])}.`,
  },
  { pattern: /\bi(?:'m| am) (?:a |an )([^,.!?;]+)/i, render: (m) => `The user is ${article(m[0])} ${phrase(m[1])}.` },
]

interface PreferenceRule {
  pattern: RegExp
  verb(match: RegExpExecArray): string
}

const preferenceRules: PreferenceRule[] = [
  {
    pattern: /\bi (?:really |absolutely |also |just )?(?:don't|do not|can't|cannot) (?:like|stand|bear) ([^,.!?;]+)/i,
    verb: () => 'Dislikes',
  },
  { pattern: /\bi (?:really |absolutely |also |just )?(hate|dislike|detest) ([^,.!?;]+)/i, verb: () => 'Dislikes' },
  { pattern: /\bi (?:really |absolutely |also |just |do )?(like|love|enjoy|adore) ([^,.!?;]+)/i, verb: () => 'Likes' },
  { pattern: /\bi (?:really |also |would )?(prefer) ([^,.!?;]+)/i, verb: () => 'Prefers' },
  { pattern: /\bmy favou?rite ([a-z ]{1,30}?) is ([^,.!?;]+)/i, verb: () => 'Likes' },
  { pattern: /\bi (?:always|usually) (want|use|choose|pick|order|drink|eat) ([^,.!?;]+)/i, verb: () => 'Prefers' },
  { pattern: /\bi never (want|use|choose|pick|order|drink|eat) ([^,.!?;]+)/i, verb: () => 'Avoids' },
  {
    pattern: /\bplease (?:always )?(use|reply in|answer in|respond in|write in|send) ([^,.!?;]+)/i,
    verb: () => 'Prefers',
  },
]

const categoryKeywords: [string, string[]][] = [
  [
    'drinks',
    [
      'tea',
      'coffee',
      'espresso',
      'latte',
      'juice',
      'water',
      'wine',
      'beer',
      'drink',
      'drinks',
      'milk',
      'soda',
      'cocktail',
      'matcha',
    ],
  ],
  [
    'food',
    [
      'food',
      'pizza',
      'sushi',
      'pasta',
      'eat',
      'vegetarian',
      'vegan',
      'meal',
      'restaurant',
      'chocolate',
      'cuisine',
      'spicy',
      'dessert',
      'tea',
      'coffee',
    ],
  ],
  ['shipping', ['ship', 'shipping', 'delivery', 'deliveries', 'fedex', 'ups', 'dhl', 'package', 'parcel', 'courier']],
  [
    'communication',
    [
      'email',
      'phone',
      'call',
      'text',
      'message',
      'messages',
      'slack',
      'reply',
      'replies',
      'answer',
      'answers',
      'tone',
      'formal',
      'casual',
      'concise',
      'brief',
      'english',
      'spanish',
      'french',
      'german',
    ],
  ],
  [
    'programming',
    [
      'code',
      'python',
      'typescript',
      'javascript',
      'rust',
      'java',
      'go',
      'programming',
      'framework',
      'library',
      'editor',
      'vim',
      'emacs',
      'tabs',
      'spaces',
    ],
  ],
  ['travel', ['travel', 'flight', 'flights', 'hotel', 'trip', 'seat', 'window', 'aisle', 'train']],
  ['music', ['music', 'song', 'songs', 'band', 'jazz', 'rock', 'classical', 'concert']],
  ['sports', ['sport', 'sports', 'football', 'soccer', 'tennis', 'running', 'hiking', 'gym', 'yoga', 'cycling']],
]

/** Extracts third-person facts from the user's messages, one sentence per fact. */
export function extractFacts(messages: ExtractionMessage[]): string[] {
  const facts: string[] = []
  for (const sentence of userSentences(messages)) {
    if (sentence.endsWith('?') || preferenceRules.some((rule) => rule.pattern.test(sentence))) continue
    const fact = matchFact(sentence)
    if (fact !== undefined) facts.push(fact)
  }
  return unique(facts)
}

/**
 * Extracts preferences from the user's messages and returns each one as the
 * service's JSON string. The service also reads ASSISTANT messages, but stated
 * preferences come from the user.
 */
export function extractPreferences(messages: ExtractionMessage[]): string[] {
  const preferences: string[] = []
  for (const sentence of userSentences(messages)) {
    if (sentence.endsWith('?')) continue
    for (const rule of preferenceRules) {
      const match = rule.pattern.exec(sentence)
      if (match === null) continue
      const object = phrase(match[match.length - 1])
      if (object.length === 0) break
      const record: PreferenceRecord = {
        context: `The user stated that ${toThirdPerson(trimPhrase(sentence.slice(match.index)))}.`,
        preference: `${rule.verb(match)} ${object}`,
        categories: categoriesOf(`${match[1] ?? ''} ${object}`),
      }
      preferences.push(JSON.stringify(record))
      break
    }
  }
  return unique(preferences)
}

/**
 * Summarizes a session as the service's topic XML: one `<topic>` per user
 * turn with the assistant's response, the most recent `maxTopics` turns kept.
 */
export function summarize(messages: ExtractionMessage[], maxTopics = 12): string | undefined {
  const topics: { name: string; lines: string[] }[] = []
  for (const message of messages) {
    const text = clip(message.text.replace(/\s+/g, ' ').trim(), 280)
    if (text.length === 0) continue
    if (message.role === 'USER') {
      topics.push({ name: topicName(text), lines: [`The user said: ${text}`] })
    } else if (message.role === 'ASSISTANT') {
      const current = topics.at(-1)
      if (current === undefined) topics.push({ name: topicName(text), lines: [`The assistant said: ${text}`] })
      else current.lines.push(`The assistant responded: ${text}`)
    }
  }
  if (topics.length === 0) return undefined
  return topics
    .slice(-maxTopics)
    .map((topic) => `<topic name="${escapeXml(topic.name)}">\n${escapeXml(topic.lines.join(' '))}\n</topic>`)
    .join('\n')
}

/**
 * Returns the object of a preference record ("green tea" for "Likes green
 * tea"), which consolidation uses to replace an outdated preference.
 */
export function preferenceObject(recordText: string): string | undefined {
  try {
    const parsed = JSON.parse(recordText) as Partial<PreferenceRecord>
    if (typeof parsed.preference !== 'string') return undefined
    return parsed.preference.replace(/^\S+\s+/, '').toLowerCase()
  } catch {
    return undefined
  }
}

/**
 * Returns the user's sentences, each split further into clauses where "and" or
 * "but" starts a new first-person statement ("I live in Porto and I work at
 * Acme"), so that every statement yields its own fact.
 */
function userSentences(messages: ExtractionMessage[]): string[] {
  return messages
    .filter((message) => message.role === 'USER')
    .flatMap((message) => sentences(message.text))
    .flatMap((sentence) => sentence.split(/,?\s+(?:and|but|also)\s+(?=(?:I|I'm|my|My)\b)/))
}

function matchFact(sentence: string): string | undefined {
  for (const rule of factRules) {
    const match = rule.pattern.exec(sentence)
    if (match !== null) return rule.render(match)
  }
  // A declarative sentence with a number or a date is kept as written, because the
  // service keeps such details ("my flight leaves on 12 May").
  if (/\d/.test(sentence) && /\b(?:i|my|i'm|we|our)\b/i.test(sentence)) {
    return `The user said that ${toThirdPerson(trimPhrase(sentence))}.`
  }
  return undefined
}

function phrase(text: string | undefined): string {
  return toThirdPerson(trimPhrase(text ?? ''))
}

function thirdPersonVerb(verb: string): string {
  const lower = verb.toLowerCase()
  if (/(?:s|sh|ch|x)$/.test(lower)) return `${lower}es`
  return `${lower}s`
}

function article(matched: string): string {
  return / an /i.test(matched) ? 'an' : 'a'
}

function categoriesOf(text: string): string[] {
  const present = new Set(words(text))
  const categories = categoryKeywords
    .filter(([, keywords]) => keywords.some((keyword) => present.has(keyword)))
    .map(([name]) => name)
  return categories.length > 0 ? categories : ['general']
}

function topicName(text: string): string {
  const leading = words(text).slice(0, 5).join(' ')
  return leading.length > 0 ? leading.charAt(0).toUpperCase() + leading.slice(1) : 'Conversation'
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function unique(items: string[]): string[] {
  return [...new Set(items)]
}
