import { type FieldError, validationError } from './api-error'

/** Constraints of a string member, as the service model states them. */
export interface StringRule {
  /** Whether the member must be present. */
  required?: boolean
  /** Minimum length in UTF-16 code units. */
  min?: number
  /** Maximum length in UTF-16 code units. */
  max?: number
  /** Regular expression that the whole value must match. */
  pattern?: RegExp
  /** Allowed values. */
  values?: readonly string[]
  /** Keeps the value out of error messages, for conversation text and record content. */
  sensitive?: boolean
}

/** Constraints of a numeric member. */
export interface NumberRule {
  /** Whether the member must be present. */
  required?: boolean
  /** Smallest allowed value. */
  min?: number
  /** Largest allowed value. */
  max?: number
  /** Whether fractions are rejected. */
  integer?: boolean
}

/** Constraints of a list member. */
export interface ListRule {
  /** Whether the member must be present. */
  required?: boolean
  /** Minimum number of items. */
  min?: number
  /** Maximum number of items. */
  max?: number
}

const maxShownValueLength = 256

/**
 * Collects every constraint violation of one request so that the response lists
 * all of them at once, the way the service does, instead of the first only.
 */
export class Validator {
  readonly errors: FieldError[] = []

  /** Records a failed constraint on `path`. */
  fail(path: string, message: string, value?: unknown, sensitive = false): void {
    const error: FieldError = { name: path, message }
    if (!sensitive) error.shownValue = showValue(value)
    this.errors.push(error)
  }

  /** Checks that a required member is present; returns whether it is. */
  present(value: unknown, path: string): boolean {
    if (value === undefined || value === null) {
      this.fail(path, 'Member must not be null', null)
      return false
    }
    return true
  }

  /** Validates a string member and returns it when it is usable. */
  string(value: unknown, path: string, rule: StringRule = {}): string | undefined {
    if (value === undefined || value === null) {
      if (rule.required) this.fail(path, 'Member must not be null', null)
      return undefined
    }
    if (typeof value !== 'string') {
      this.fail(path, 'Member must be a string', value, rule.sensitive)
      return undefined
    }
    const errorsBefore = this.errors.length
    if (rule.min !== undefined && value.length < rule.min) {
      this.fail(path, `Member must have length greater than or equal to ${rule.min}`, value, rule.sensitive)
    }
    if (rule.max !== undefined && value.length > rule.max) {
      this.fail(path, `Member must have length less than or equal to ${rule.max}`, value, rule.sensitive)
    }
    if (rule.pattern !== undefined && value.length > 0 && !rule.pattern.test(value)) {
      this.fail(path, `Member must satisfy regular expression pattern: ${rule.pattern.source}`, value, rule.sensitive)
    }
    if (rule.values !== undefined && !rule.values.includes(value)) {
      this.fail(path, `Member must satisfy enum value set: [${rule.values.join(', ')}]`, value, rule.sensitive)
    }
    return this.errors.length === errorsBefore ? value : undefined
  }

  /** Validates a numeric member and returns it when it is usable. */
  number(value: unknown, path: string, rule: NumberRule = {}): number | undefined {
    if (value === undefined || value === null) {
      if (rule.required) this.fail(path, 'Member must not be null', null)
      return undefined
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.fail(path, 'Member must be a number', value)
      return undefined
    }
    const errorsBefore = this.errors.length
    if (rule.integer && !Number.isInteger(value)) this.fail(path, 'Member must be an integer', value)
    if (rule.min !== undefined && value < rule.min) {
      this.fail(path, `Member must have value greater than or equal to ${rule.min}`, value)
    }
    if (rule.max !== undefined && value > rule.max) {
      this.fail(path, `Member must have value less than or equal to ${rule.max}`, value)
    }
    return this.errors.length === errorsBefore ? value : undefined
  }

  /** Validates a boolean member. */
  boolean(value: unknown, path: string): boolean | undefined {
    if (value === undefined || value === null) return undefined
    if (typeof value !== 'boolean') {
      this.fail(path, 'Member must be a boolean', value)
      return undefined
    }
    return value
  }

  /**
   * Validates a timestamp member, sent by the SDK as epoch seconds (a number or
   * a numeric string), and returns it in whole epoch milliseconds.
   */
  timestamp(value: unknown, path: string, required = false): number | undefined {
    if (value === undefined || value === null) {
      if (required) this.fail(path, 'Member must not be null', null)
      return undefined
    }
    const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0 || seconds > 253402300799) {
      this.fail(path, 'Member must be a timestamp in epoch seconds', value)
      return undefined
    }
    return Math.round(seconds * 1000)
  }

  /** Validates a list member and returns it when it is a list within bounds. */
  list(value: unknown, path: string, rule: ListRule = {}): unknown[] | undefined {
    if (value === undefined || value === null) {
      if (rule.required) this.fail(path, 'Member must not be null', null)
      return undefined
    }
    if (!Array.isArray(value)) {
      this.fail(path, 'Member must be a list', value)
      return undefined
    }
    if (rule.min !== undefined && value.length < rule.min) {
      this.fail(path, `Member must have length greater than or equal to ${rule.min}`, value)
      return undefined
    }
    if (rule.max !== undefined && value.length > rule.max) {
      this.fail(path, `Member must have length less than or equal to ${rule.max}`, value)
      return undefined
    }
    return value
  }

  /** Validates a structure member and returns it as a record. */
  object(value: unknown, path: string, required = false): Record<string, unknown> | undefined {
    if (value === undefined || value === null) {
      if (required) this.fail(path, 'Member must not be null', null)
      return undefined
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.fail(path, 'Member must be a structure', value)
      return undefined
    }
    return value as Record<string, unknown>
  }

  /** Throws a `ValidationException` listing every collected violation, if any. */
  throwIfInvalid(): void {
    if (this.errors.length > 0) throw validationError(this.errors)
  }
}

function showValue(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  const shown = text.length > maxShownValueLength ? `${text.slice(0, maxShownValueLength)}...` : text
  return `'${shown}'`
}
