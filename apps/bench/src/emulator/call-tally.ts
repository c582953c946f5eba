import type { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore'

/** Calls that one client sent, by kind. */
export interface CallCounts {
  /** `ListEvents` calls without a filter: the pages of a message scan. */
  listEvents: number
  /** `ListEvents` calls with a metadata filter, such as the agent-state query of a limited restore. */
  filteredListEvents: number
}

/**
 * Counts the client's `ListEvents` calls by whether they carry a filter, which the emulator's request counts
 * cannot tell apart. It counts each command once, before retries, so use it on a client with one attempt.
 */
export function attachCallTally(client: BedrockAgentCoreClient): () => CallCounts {
  const counts: CallCounts = { listEvents: 0, filteredListEvents: 0 }
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'ListEventsCommand') {
        const input = args.input as { filter?: unknown }
        if (input.filter === undefined) counts.listEvents += 1
        else counts.filteredListEvents += 1
      }
      return next(args)
    },
    { step: 'initialize', name: 'benchCallTally' },
  )
  return () => ({ ...counts })
}
