import { EmulatorError } from '../errors'

/** One failed constraint, which becomes an entry of a `ValidationException` field list. */
export interface FieldError {
  /** Dotted path of the member, for example `payload.0.conversational.role`. */
  name: string
  /** Constraint that the member failed, for example `Member must not be null`. */
  message: string
  /** The value as the message quotes it (`'abc'` or `null`); absent for content that must not be echoed. */
  shownValue?: string
}

/** Reasons that the service puts in `ValidationException.reason`. */
export type ValidationReason =
  | 'CannotParse'
  | 'FieldValidationFailed'
  | 'IdempotentParameterMismatchException'
  | 'EventInOtherSession'
  | 'ResourceConflict'

/**
 * An AWS exception that a handler raises and the HTTP layer sends as a JSON
 * error body with `x-amzn-ErrorType`. The `errorType` is the exception name
 * that the AWS SDK client maps to its typed class.
 */
export class ApiError extends EmulatorError<'API_ERROR'> {
  /** AWS exception name, for example `ValidationException`. */
  readonly errorType: string
  /** HTTP status that carries the exception. */
  readonly statusCode: number
  /** Members sent in the body besides `message`, such as `reason` and `fieldList`. */
  readonly members: Record<string, unknown>

  constructor(errorType: string, statusCode: number, message: string, members: Record<string, unknown> = {}) {
    super('API_ERROR', message)
    this.name = 'ApiError'
    this.errorType = errorType
    this.statusCode = statusCode
    this.members = members
  }
}

/** Builds a `ValidationException` with the AWS message form for the given field errors. */
export function validationError(fields: FieldError[], reason: ValidationReason = 'FieldValidationFailed'): ApiError {
  const count = fields.length
  const head = count === 1 ? '1 validation error detected: ' : `${count} validation errors detected: `
  const message = head + fields.map(describeFieldError).join('; ')
  const fieldList = fields.map((field) => ({ name: field.name, message: field.message }))
  return new ApiError('ValidationException', 400, message, { reason, fieldList })
}

/** Builds a `ValidationException` whose message is a single sentence, without a field list. */
export function plainValidationError(message: string, reason: ValidationReason): ApiError {
  return new ApiError('ValidationException', 400, message, { reason })
}

/** Builds a `ResourceNotFoundException` (404). */
export function notFound(message: string): ApiError {
  return new ApiError('ResourceNotFoundException', 404, message)
}

/** Builds a `ServiceException` (500), the memory data plane's internal failure. */
export function serviceError(message: string): ApiError {
  return new ApiError('ServiceException', 500, message)
}

function describeFieldError(field: FieldError): string {
  const value = field.shownValue === undefined ? 'Value' : `Value ${field.shownValue}`
  return `${value} at '${field.name}' failed to satisfy constraint: ${field.message}`
}
