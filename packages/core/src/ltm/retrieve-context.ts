import { type MemoryRecordSummary, RetrieveMemoryRecordsCommand } from '@aws-sdk/client-bedrock-agentcore'
import { AgentCoreSessionError } from '../errors/agentcore-session-error'
import { tracedRead } from '../observability/channels'
import type { Logger } from '../observability/logger'
import type { MemoryClient } from '../session/memory-client'
import type { ResolvedNamespace } from '../session/validate-options'
import type { MemoryContext, RetrievedRecord } from './memory-context'

/** The service's maximum `searchQuery` length, in characters. */
const maxQueryLength = 10_000

/** Inputs of one retrieval. */
export interface RetrieveRequest {
  client: MemoryClient
  memoryId: string
  actorId: string
  sessionId: string
  namespaces: ResolvedNamespace[]
  timeoutMs: number
  contextTag: string
  logger: Logger
}

/**
 * Queries every namespace in parallel with `namespacePath`, each under its
 * own deadline. A namespace that fails or times out is listed in `failures`
 * and skipped. Records below the namespace's `relevanceScore` are dropped,
 * the rest are ordered by namespace order and then by score, and a record
 * already kept for an earlier namespace (same id or same text) is dropped.
 */
export async function retrieveContext(request: RetrieveRequest, query: string): Promise<MemoryContext> {
  const searchQuery = truncate(query.trim(), maxQueryLength)
  if (searchQuery === '' || request.namespaces.length === 0) {
    return { records: [], failures: [] }
  }
  const results = await Promise.all(
    request.namespaces.map((namespace) => queryNamespace(request, namespace, searchQuery)),
  )
  const records: RetrievedRecord[] = []
  const failures: MemoryContext['failures'] = []
  const seenIds = new Set<string>()
  const seenTexts = new Set<string>()
  for (const result of results) {
    if ('error' in result) {
      failures.push(result)
      continue
    }
    for (const record of result.records) {
      if (seenIds.has(record.memoryRecordId) || seenTexts.has(record.text)) {
        continue
      }
      seenIds.add(record.memoryRecordId)
      seenTexts.add(record.text)
      records.push(record)
    }
  }
  if (records.length === 0) {
    return { records, failures }
  }
  const tag = request.contextTag
  return { text: `<${tag}>${records.map((record) => record.text).join('\n')}</${tag}>`, records, failures }
}

async function queryNamespace(
  request: RetrieveRequest,
  target: ResolvedNamespace,
  searchQuery: string,
): Promise<{ records: RetrievedRecord[] } | { namespace: string; error: AgentCoreSessionError }> {
  const { client, memoryId, actorId, sessionId } = request
  const abort = new AbortController()
  const timer = setTimeout(() => abort.abort(), request.timeoutMs)
  timer.unref?.()
  try {
    const output = await tracedRead(
      { operation: 'RetrieveMemoryRecords', memoryId, actorId, sessionId, namespace: target.namespace },
      () =>
        Promise.race([
          client.send(
            new RetrieveMemoryRecordsCommand({
              memoryId,
              namespacePath: target.namespace,
              searchCriteria: { searchQuery, topK: target.topK },
            }),
            { abortSignal: abort.signal },
          ),
          // A client that ignores the abort signal still cannot hold the turn past the deadline.
          new Promise<never>((_resolve, reject) => {
            abort.signal.addEventListener('abort', () => reject(new Error('deadline exceeded')), { once: true })
          }),
        ]),
      (result) => result.memoryRecordSummaries?.length ?? 0,
    )
    return { records: keepRelevant(output.memoryRecordSummaries ?? [], target) }
  } catch (cause) {
    const timedOut = abort.signal.aborted
    const error = new AgentCoreSessionError(
      'RETRIEVAL_FAILED',
      timedOut
        ? `Retrieving long-term memory from namespace '${target.namespace}' timed out after ${request.timeoutMs} ms; it was skipped. Raise retrievalTimeoutMs if the service needs longer.`
        : `Retrieving long-term memory from namespace '${target.namespace}' failed with ${cause instanceof Error ? cause.name : 'an unknown error'}; it was skipped.`,
      { cause },
    )
    request.logger.warn(
      { memoryId, actorId, sessionId, namespace: target.namespace, timedOut, code: error.code },
      'Long-term memory namespace skipped',
    )
    return { namespace: target.namespace, error }
  } finally {
    clearTimeout(timer)
  }
}

function keepRelevant(summaries: MemoryRecordSummary[], target: ResolvedNamespace): RetrievedRecord[] {
  const kept: RetrievedRecord[] = []
  for (const summary of summaries) {
    const text = summary.content?.text?.trim()
    if (text === undefined || text === '' || summary.memoryRecordId === undefined) {
      continue
    }
    const score = summary.score
    // With a threshold above 0, a record without a score cannot show it is relevant.
    if (target.relevanceScore > 0 && (score === undefined || score < target.relevanceScore)) {
      continue
    }
    const record: RetrievedRecord = { memoryRecordId: summary.memoryRecordId, text, namespace: target.namespace }
    if (score !== undefined) {
      record.score = score
    }
    if (summary.memoryStrategyId !== undefined) {
      record.memoryStrategyId = summary.memoryStrategyId
    }
    kept.push(record)
  }
  // Stable sort: equal scores keep the service's order.
  return kept.sort((a, b) => (b.score ?? 0) - (a.score ?? 0))
}

/** Cuts `text` to `length` UTF-16 units without splitting a surrogate pair. */
function truncate(text: string, length: number): string {
  if (text.length <= length) {
    return text
  }
  const cut = text.slice(0, length)
  const last = cut.charCodeAt(cut.length - 1)
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut
}
