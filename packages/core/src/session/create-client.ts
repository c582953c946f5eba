import { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore'
import { InvalidOptionError } from '../errors/invalid-option-error'
import type { MemoryClient } from './memory-client'
import type { MemorySessionOptions } from './session-options'

/**
 * Returns the client passed in `options`, or builds one. The region comes from
 * `options.region`, then `AWS_REGION`, then `AWS_DEFAULT_REGION`; there is no
 * silent default. A passed client keeps its own region and retry settings.
 */
export function resolveClient(
  options: Pick<MemorySessionOptions, 'client' | 'region' | 'endpoint'>,
  env: NodeJS.ProcessEnv = process.env,
): MemoryClient {
  if (options.client !== undefined) {
    if (typeof (options.client as { send?: unknown }).send !== 'function') {
      throw new InvalidOptionError(
        'client',
        'Invalid client: expected a BedrockAgentCoreClient or an object with send().',
      )
    }
    return options.client as MemoryClient
  }
  const region = resolveRegion(options.region, env)
  if (options.endpoint !== undefined) {
    try {
      new URL(options.endpoint)
    } catch {
      throw new InvalidOptionError(
        'endpoint',
        `Invalid endpoint '${options.endpoint}': expected an absolute URL such as https://bedrock-agentcore.us-east-1.amazonaws.com.`,
      )
    }
  }
  // The executors retry throttling, 5xx, network errors and conflicts themselves within a time budget,
  // so the SDK's own retries are turned off here. Otherwise each executor attempt would hide up to
  // three HTTP attempts. Reads retry in core as well.
  return new BedrockAgentCoreClient({
    region,
    maxAttempts: 1,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
  }) as MemoryClient
}

/** Resolves the region of a client that core builds. */
export function resolveRegion(explicit: string | undefined, env: NodeJS.ProcessEnv): string {
  const region = explicit ?? nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION)
  if (region === undefined) {
    throw new InvalidOptionError(
      'region',
      "Missing region: pass the region option (for example region: 'us-east-1'), set AWS_REGION or AWS_DEFAULT_REGION, or pass a configured client.",
    )
  }
  if (!/^[a-z0-9-]+$/.test(region)) {
    throw new InvalidOptionError('region', `Invalid region '${region}': expected an AWS region such as 'us-east-1'.`)
  }
  return region
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}
