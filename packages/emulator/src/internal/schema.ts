/**
 * SQLite schema of the emulator. Every statement is idempotent so that a
 * restart on an existing file keeps its data.
 */
export const schemaSql = `
CREATE TABLE IF NOT EXISTS memories (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT,
  event_expiry_days INTEGER NOT NULL,
  strategies TEXT NOT NULL,
  status TEXT NOT NULL,
  declared INTEGER NOT NULL DEFAULT 0,
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS events (
  memory_id TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  timestamp_ms INTEGER NOT NULL,
  branch_name TEXT NOT NULL,
  root_event_id TEXT,
  payload TEXT NOT NULL,
  metadata TEXT,
  extraction_mode TEXT,
  extraction_config TEXT,
  received_at_ms INTEGER NOT NULL,
  extracted INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (memory_id, actor_id, session_id, event_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS events_pending ON events (memory_id) WHERE extracted = 0;

CREATE TABLE IF NOT EXISTS sessions (
  memory_id TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  PRIMARY KEY (memory_id, actor_id, session_id)
);
CREATE INDEX IF NOT EXISTS sessions_by_age ON sessions (memory_id, actor_id, created_at_ms);

CREATE TABLE IF NOT EXISTS client_tokens (
  memory_id TEXT NOT NULL,
  operation TEXT NOT NULL,
  token TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  response TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  PRIMARY KEY (memory_id, operation, token)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS records (
  record_id TEXT PRIMARY KEY,
  memory_id TEXT NOT NULL,
  strategy_id TEXT NOT NULL,
  namespaces TEXT NOT NULL,
  content TEXT NOT NULL,
  metadata TEXT,
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS records_by_memory ON records (memory_id, created_at_ms);

CREATE TABLE IF NOT EXISTS ingests (
  ingest_id INTEGER PRIMARY KEY AUTOINCREMENT,
  memory_id TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  timestamp_ms INTEGER NOT NULL,
  payload TEXT NOT NULL,
  extraction_config TEXT,
  extracted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS extraction_jobs (
  job_id TEXT PRIMARY KEY,
  memory_id TEXT NOT NULL,
  strategy_id TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  messages TEXT NOT NULL,
  namespace_variables TEXT NOT NULL DEFAULT '{}',
  failure_reason TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL
);
`
