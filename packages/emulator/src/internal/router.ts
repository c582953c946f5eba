/** A matched AWS operation with its decoded path labels. */
export interface RouteMatch {
  /** AWS operation name. */
  operation: string
  /** HTTP method and path template, for messages. */
  labels: Record<string, string>
}

interface Route {
  method: string
  operation: string
  /** Path segments after the endpoint prefix; `{name}` segments are labels. */
  segments: string[]
}

// Literal segments win over labels because routes are tried in this order,
// so `POST /memories/create` is CreateMemory and never a memory named "create".
const routeTable: [string, string, string][] = [
  ['POST', '/memories/create', 'CreateMemory'],
  ['POST', '/memories/', 'ListMemories'],
  ['GET', '/memories/{memoryId}/details', 'GetMemory'],
  ['DELETE', '/memories/{memoryId}/delete', 'DeleteMemory'],
  ['POST', '/memories/{memoryId}/events', 'CreateEvent'],
  ['GET', '/memories/{memoryId}/actor/{actorId}/sessions/{sessionId}/events/{eventId}', 'GetEvent'],
  ['DELETE', '/memories/{memoryId}/actor/{actorId}/sessions/{sessionId}/events/{eventId}', 'DeleteEvent'],
  ['POST', '/memories/{memoryId}/actor/{actorId}/sessions/{sessionId}', 'ListEvents'],
  ['POST', '/memories/{memoryId}/actor/{actorId}/sessions', 'ListSessions'],
  ['POST', '/memories/{memoryId}/actors', 'ListActors'],
  ['POST', '/memories/{memoryId}/retrieve', 'RetrieveMemoryRecords'],
  ['POST', '/memories/{memoryId}/memoryRecords/batchCreate', 'BatchCreateMemoryRecords'],
  ['POST', '/memories/{memoryId}/memoryRecords/batchUpdate', 'BatchUpdateMemoryRecords'],
  ['POST', '/memories/{memoryId}/memoryRecords/batchDelete', 'BatchDeleteMemoryRecords'],
  ['POST', '/memories/{memoryId}/memoryRecords', 'ListMemoryRecords'],
  ['GET', '/memories/{memoryId}/memoryRecord/{memoryRecordId}', 'GetMemoryRecord'],
  ['DELETE', '/memories/{memoryId}/memoryRecords/{memoryRecordId}', 'DeleteMemoryRecord'],
  ['POST', '/memories/{memoryId}/extractionJobs/start', 'StartMemoryExtractionJob'],
  ['POST', '/memories/{memoryId}/extractionJobs', 'ListMemoryExtractionJobs'],
  ['POST', '/memories/{memoryId}/ingest', 'IngestData'],
]

const routes: Route[] = routeTable.map(([method, path, operation]) => ({
  method,
  operation,
  segments: path.split('/').slice(1),
}))

/** Names of every AWS operation the emulator serves. */
export const operationNames: readonly string[] = routes.map((route) => route.operation)

/** Thrown for a path label that is not valid percent-encoding. */
export class MalformedLabelError extends Error {}

/**
 * Matches a raw request path (without the query) to an AWS operation. The
 * path is split on `/` before each segment is decoded, because labels such as
 * `actorId` may contain an encoded `/`. Anything before the first `memories`
 * segment is taken as the path prefix of a custom endpoint.
 */
export function matchRoute(method: string, rawPath: string): RouteMatch | undefined {
  const all = rawPath.split('/').slice(1)
  const start = all.indexOf('memories')
  if (start < 0) return undefined
  const segments = all.slice(start)
  for (const route of routes) {
    if (route.method !== method || route.segments.length !== segments.length) continue
    const labels = matchSegments(route.segments, segments)
    if (labels !== undefined) return { operation: route.operation, labels }
  }
  return undefined
}

function matchSegments(template: string[], segments: string[]): Record<string, string> | undefined {
  const labels: Record<string, string> = {}
  for (let index = 0; index < template.length; index += 1) {
    const expected = template[index] as string
    const actual = segments[index] as string
    if (expected.startsWith('{')) {
      labels[expected.slice(1, -1)] = decodeLabel(actual)
    } else if (expected !== actual) {
      return undefined
    }
  }
  return labels
}

function decodeLabel(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch (error) {
    throw new MalformedLabelError(`Invalid percent-encoding in path segment '${segment.slice(0, 100)}'.`, {
      cause: error,
    })
  }
}
