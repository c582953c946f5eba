import { createEvent } from '../operations/create-event'
import { listActors, listSessions } from '../operations/list-sessions'
import { deleteEvent, getEvent, listEvents } from '../operations/read-events'
import type { OperationHandler } from './operation'

/** Returns the handler of every served AWS operation, by operation name. */
export function createHandlers(): Partial<Record<string, OperationHandler>> {
  return {
    CreateEvent: createEvent,
    GetEvent: getEvent,
    ListEvents: listEvents,
    DeleteEvent: deleteEvent,
    ListSessions: listSessions,
    ListActors: listActors,
  }
}
