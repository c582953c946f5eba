import { tool } from '@strands-agents/sdk'
import { z } from 'zod'

/** Name under which the model calls the clock tool. */
export const currentTimeToolName = 'current_time'

/** Creates the `current_time` tool, which returns the server's current time in UTC and as an ISO 8601 string. */
export function createCurrentTimeTool(now: () => Date = () => new Date()) {
  return tool({
    name: currentTimeToolName,
    description: 'Returns the current date and time in UTC.',
    inputSchema: z.object({}),
    callback: () => {
      const date = now()
      return { iso: date.toISOString(), utc: date.toISOString().slice(11, 16) }
    },
  })
}
