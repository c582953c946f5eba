import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import type { EmulatorLogger, RequestLogEntry } from '../options'
import { ApiError, plainValidationError } from './api-error'
import type { Chaos } from './chaos'
import {
  type OperationContext,
  type OperationHandler,
  type OperationRequest,
  type OperationResponse,
  SerializedJson,
} from './operation'
import type { RequestLog } from './request-log'
import { MalformedLabelError, matchRoute } from './router'

/** Dependencies of the request listener. */
export interface HttpDependencies {
  context: OperationContext
  handlers: Partial<Record<string, OperationHandler>>
  chaos: Chaos
  requestLog: RequestLog
  logger: EmulatorLogger | undefined
  maxBodyBytes: number
  /** Tells whether `close()` has begun, after which no request may touch the database. */
  isClosing(): boolean
  /** Serves `/__emulator/...` paths; returns the status and JSON body. */
  admin(method: string, path: string, body: unknown): Promise<{ status: number; body: unknown }>
}

class BodyTooLargeError extends Error {}

/** The client closed or reset the connection before it sent the whole body. */
class BodyAbortedError extends Error {}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true })

/** Builds the `node:http` request listener that serves AWS operations and the admin API. */
export function createRequestListener(deps: HttpDependencies): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handleRequest(deps, req, res).catch((error: unknown) => {
      deps.logger?.error({ err: error }, 'Request handling failed unexpectedly.')
      if (!res.headersSent)
        sendJson(
          res,
          500,
          randomUUID(),
          { __type: 'ServiceException', message: 'Internal emulator error.' },
          'ServiceException',
        )
      else res.destroy()
    })
  }
}

async function handleRequest(deps: HttpDependencies, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const receivedAt = Date.now()
  const requestId = randomUUID()
  const method = req.method ?? 'GET'
  const rawUrl = req.url ?? '/'
  const queryStart = rawUrl.indexOf('?')
  const rawPath = queryStart < 0 ? rawUrl : rawUrl.slice(0, queryStart)
  const query = new URLSearchParams(queryStart < 0 ? '' : rawUrl.slice(queryStart + 1))

  if (rawPath === '/__emulator' || rawPath.startsWith('/__emulator/')) {
    await handleAdmin(deps, req, res, method, rawPath, requestId)
    return
  }

  const entry: RequestLogEntry = { operation: 'Unknown', requestId, receivedAt, respondedAt: 0, status: 0 }
  const finish = (status: number, errorType?: string): void => {
    entry.respondedAt = Date.now()
    entry.status = status
    if (errorType !== undefined) entry.errorType = errorType
    deps.requestLog.append(entry)
    deps.logger?.debug(
      { operation: entry.operation, requestId, status, durationMs: entry.respondedAt - receivedAt },
      'Handled a request.',
    )
  }

  let route: ReturnType<typeof matchRoute>
  try {
    route = matchRoute(method, rawPath)
  } catch (error) {
    if (!(error instanceof MalformedLabelError)) throw error
    deps.requestLog.count('Unknown')
    await discardBody(req)
    sendError(deps, res, requestId, entry.operation, plainValidationError(error.message, 'CannotParse'))
    finish(400, 'ValidationException')
    return
  }
  const handler = route === undefined ? undefined : deps.handlers[route.operation]
  if (route === undefined || handler === undefined) {
    await discardBody(req)
    const error = new ApiError(
      'UnknownOperationException',
      404,
      `No AgentCore Memory operation matches ${method} ${rawPath.slice(0, 300)}. Check the client's endpoint setting.`,
    )
    deps.requestLog.count('Unknown')
    sendError(deps, res, requestId, 'Unknown', error)
    finish(404, error.errorType)
    return
  }
  entry.operation = route.operation
  deps.requestLog.count(route.operation)

  const unsupportedMediaType = checkContentType(req)
  if (unsupportedMediaType !== undefined) {
    res.setHeader('Connection', 'close')
    sendError(deps, res, requestId, route.operation, unsupportedMediaType)
    finish(unsupportedMediaType.statusCode, unsupportedMediaType.errorType)
    req.destroy()
    return
  }

  let body: Record<string, unknown>
  try {
    body = parseBody(await readBody(req, deps.maxBodyBytes))
  } catch (error) {
    if (error instanceof BodyAbortedError) {
      deps.logger?.debug({ operation: route.operation, requestId }, 'The client closed the connection mid-body.')
      req.socket.destroy()
      finish(0)
      return
    }
    if (error instanceof BodyTooLargeError) {
      const tooLarge = new ApiError('ValidationException', 413, error.message, { reason: 'FieldValidationFailed' })
      res.setHeader('Connection', 'close')
      sendError(deps, res, requestId, route.operation, tooLarge)
      finish(413, tooLarge.errorType)
      req.destroy()
      return
    }
    if (error instanceof ApiError) {
      sendError(deps, res, requestId, route.operation, error)
      finish(error.statusCode, error.errorType)
      return
    }
    throw error
  }
  prefillLogEntry(entry, route.labels, body)

  const delayMs = deps.chaos.drawDelayMs(route.operation)
  if (delayMs > 0) await sleep(delayMs)
  if (deps.isClosing()) {
    req.socket.destroy()
    finish(0)
    return
  }

  const fault = deps.chaos.drawFault(route.operation)
  if (fault.kind === 'drop') {
    deps.logger?.debug({ operation: route.operation, requestId }, 'Dropped the connection as an injected fault.')
    req.socket.destroy()
    finish(0)
    return
  }
  if (fault.kind === 'error') {
    sendError(deps, res, requestId, route.operation, fault.error, true)
    finish(fault.error.statusCode, fault.error.errorType)
    return
  }

  const request: OperationRequest = { labels: route.labels, query, body, now: receivedAt, logFields: {} }
  let response: OperationResponse
  try {
    response = handler(deps.context, request)
  } catch (error) {
    Object.assign(entry, request.logFields)
    const apiError =
      error instanceof ApiError
        ? error
        : new ApiError('ServiceException', 500, 'The emulator failed to process the request.')
    if (!(error instanceof ApiError)) {
      deps.logger?.error({ err: error, operation: route.operation, requestId }, 'Operation handler failed.')
    }
    sendError(deps, res, requestId, route.operation, apiError)
    finish(apiError.statusCode, apiError.errorType)
    return
  }
  Object.assign(entry, request.logFields)
  sendJson(res, response.status, requestId, response.body)
  finish(response.status)
}

async function handleAdmin(
  deps: HttpDependencies,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  rawPath: string,
  requestId: string,
): Promise<void> {
  // Browsers send Origin on cross-site requests, and a form-encoded POST needs no preflight, so without this
  // check any web page could reset or reconfigure a developer's emulator. SDK clients and curl send no Origin.
  if (req.headers.origin !== undefined) {
    req.resume()
    sendJson(res, 403, requestId, {
      error:
        'The admin API rejects requests from web pages (an Origin header was sent). Call it from a script or curl.',
    })
    return
  }
  let body: unknown
  try {
    body = parseBody(await readBody(req, deps.maxBodyBytes))
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Invalid request body.'
    sendJson(res, 400, requestId, { error: message })
    return
  }
  try {
    const result = await deps.admin(method, rawPath.slice('/__emulator'.length) || '/', body)
    sendJson(res, result.status, requestId, result.body)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    sendJson(res, 400, requestId, { error: message })
  }
}

/** Copies ids from the labels and body, so that requests failed by injected faults are logged with them. */
function prefillLogEntry(entry: RequestLogEntry, labels: Record<string, string>, body: Record<string, unknown>): void {
  const memoryId = labels.memoryId
  const actorId = labels.actorId ?? body.actorId
  const sessionId = labels.sessionId ?? body.sessionId
  const clientToken = body.clientToken
  if (memoryId !== undefined) entry.memoryId = memoryId
  if (typeof actorId === 'string') entry.actorId = actorId
  if (typeof sessionId === 'string') entry.sessionId = sessionId
  if (typeof clientToken === 'string') entry.clientToken = clientToken
}

/**
 * Rejects a request body without `Content-Type: application/json` (parameters allowed) with 415. The AWS SDK
 * always sends its bodies as JSON, so another media type means a client that is not speaking this protocol.
 */
function checkContentType(req: IncomingMessage): ApiError | undefined {
  const declaredLength = req.headers['content-length']
  const hasBody =
    req.headers['transfer-encoding'] !== undefined || (declaredLength !== undefined && declaredLength !== '0')
  if (!hasBody) return undefined
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
  if (mediaType === 'application/json') return undefined
  const declaredType =
    req.headers['content-type'] === undefined ? 'none' : `'${req.headers['content-type'].slice(0, 100)}'`
  return new ApiError(
    'UnsupportedMediaTypeException',
    415,
    `Unsupported Content-Type ${declaredType} for a request body. Send the body as JSON with Content-Type: application/json.`,
  )
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declaredLength = Number(req.headers['content-length'])
    if (declaredLength > limit) {
      reject(new BodyTooLargeError(`The request body exceeds the maximum of ${limit} bytes. Send a smaller request.`))
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let rejected = false
    req.on('data', (chunk: Buffer) => {
      if (rejected) return
      size += chunk.length
      if (size > limit) {
        rejected = true
        reject(new BodyTooLargeError(`The request body exceeds the maximum of ${limit} bytes. Send a smaller request.`))
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (rejected) return
      try {
        resolve(utf8Decoder.decode(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)))
      } catch {
        reject(plainValidationError('The request body is not valid UTF-8. Send JSON encoded as UTF-8.', 'CannotParse'))
      }
    })
    // Node emits 'error' with code ECONNRESET when the connection ends before the declared body arrived.
    req.on('error', () => {
      if (!rejected) reject(new BodyAbortedError('The client closed the connection before the body was complete.'))
    })
  })
}

function discardBody(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    if (req.readableEnded) {
      resolve()
      return
    }
    req.on('end', resolve)
    req.on('error', () => resolve())
    req.resume()
  })
}

function parseBody(text: string): Record<string, unknown> {
  if (text.trim() === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw plainValidationError('The request body is not valid JSON. Send a JSON object.', 'CannotParse')
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw plainValidationError('The request body must be a JSON object.', 'CannotParse')
  }
  return parsed as Record<string, unknown>
}

function sendError(
  deps: HttpDependencies,
  res: ServerResponse,
  requestId: string,
  operation: string,
  error: ApiError,
  injected = false,
): void {
  if (error.statusCode >= 500) {
    deps.logger?.error(
      { operation, requestId, status: error.statusCode, errorType: error.errorType, injected },
      `${operation} failed with ${error.statusCode} ${error.errorType}.`,
    )
  }
  const body = { __type: error.errorType, message: error.message, ...error.members }
  sendJson(res, error.statusCode, requestId, body, error.errorType)
}

function sendJson(res: ServerResponse, status: number, requestId: string, body: unknown, errorType?: string): void {
  const text = body instanceof SerializedJson ? body.text : JSON.stringify(body)
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': requestId,
  }
  if (errorType !== undefined) headers['x-amzn-ErrorType'] = errorType
  res.writeHead(status, headers)
  res.end(text)
}
