const throttlingNames = new Set(['ThrottledException', 'ThrottlingException', 'TooManyRequestsException'])
const transientNames = new Set(['RetryableConflictException', 'ServiceException', 'InternalServerException'])
const networkCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
])

/** Retry class of a failed AWS call: throttling, a transient failure, or not retryable. */
export type RetryClass = 'throttling' | 'transient' | 'none'

/**
 * Classifies an error from the AWS SDK the way its standard retry strategy
 * does: throttling (429), transient (5xx, RetryableConflictException, network
 * errors) or not retryable (validation, access, not found, quota).
 */
export function classifyError(error: unknown): RetryClass {
  if (typeof error !== 'object' || error === null) {
    return 'none'
  }
  const candidate = error as {
    name?: unknown
    code?: unknown
    $retryable?: { throttling?: boolean }
    $metadata?: { httpStatusCode?: number }
  }
  const name = typeof candidate.name === 'string' ? candidate.name : ''
  const status = candidate.$metadata?.httpStatusCode
  if (throttlingNames.has(name) || status === 429 || candidate.$retryable?.throttling === true) {
    return 'throttling'
  }
  if (transientNames.has(name) || candidate.$retryable !== undefined) {
    return 'transient'
  }
  if (status === 500 || status === 502 || status === 503 || status === 504) {
    return 'transient'
  }
  if (name === 'TimeoutError' || (typeof candidate.code === 'string' && networkCodes.has(candidate.code))) {
    return 'transient'
  }
  return 'none'
}

/** Number of HTTP attempts the AWS SDK made for a failed call, at least 1. */
export function sdkAttempts(error: unknown): number {
  const attempts = (error as { $metadata?: { attempts?: unknown } } | null)?.$metadata?.attempts
  return typeof attempts === 'number' && attempts > 0 ? attempts : 1
}
