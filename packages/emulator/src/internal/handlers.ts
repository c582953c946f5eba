import {
  batchCreateMemoryRecords,
  batchDeleteMemoryRecords,
  batchUpdateMemoryRecords,
} from '../operations/batch-records'
import { createMemory, deleteMemory, getMemory, listMemories } from '../operations/control-plane'
import { createEvent } from '../operations/create-event'
import { listMemoryExtractionJobs, startMemoryExtractionJob } from '../operations/extraction-jobs'
import { ingestData } from '../operations/ingest-data'
import { listActors, listSessions } from '../operations/list-sessions'
import {
  deleteMemoryRecord,
  getMemoryRecord,
  listMemoryRecords,
  retrieveMemoryRecords,
} from '../operations/memory-records'
import { deleteEvent, getEvent, listEvents } from '../operations/read-events'
import type { OperationHandler } from './operation'

/** Returns the handler of every served AWS operation, by operation name. */
export function createHandlers(): Record<string, OperationHandler> {
  return {
    CreateEvent: createEvent,
    GetEvent: getEvent,
    ListEvents: listEvents,
    DeleteEvent: deleteEvent,
    ListSessions: listSessions,
    ListActors: listActors,
    RetrieveMemoryRecords: retrieveMemoryRecords,
    ListMemoryRecords: listMemoryRecords,
    GetMemoryRecord: getMemoryRecord,
    DeleteMemoryRecord: deleteMemoryRecord,
    BatchCreateMemoryRecords: batchCreateMemoryRecords,
    BatchUpdateMemoryRecords: batchUpdateMemoryRecords,
    BatchDeleteMemoryRecords: batchDeleteMemoryRecords,
    ListMemoryExtractionJobs: listMemoryExtractionJobs,
    StartMemoryExtractionJob: startMemoryExtractionJob,
    IngestData: ingestData,
    CreateMemory: createMemory,
    GetMemory: getMemory,
    ListMemories: listMemories,
    DeleteMemory: deleteMemory,
  }
}
