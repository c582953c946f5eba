import { AgentCoreSessionError } from './agentcore-session-error'

/**
 * A session or executor option failed validation. Thrown synchronously when
 * the object is built, so a bad configuration never reaches a model call.
 */
export class InvalidOptionError extends AgentCoreSessionError<'INVALID_OPTION'> {
  /** Path of the invalid option, for example `retrievalConfig['/facts/{actorId}/'].topK`. */
  readonly option: string

  constructor(option: string, message: string) {
    super('INVALID_OPTION', message)
    this.name = 'InvalidOptionError'
    this.option = option
  }
}
