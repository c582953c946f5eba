import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite'
import { schemaSql } from './schema'

/** A SQLite connection with a cache of prepared statements. */
export class Database {
  readonly connection: DatabaseSync
  private readonly statements = new Map<string, StatementSync>()

  /**
   * Opens `path` (`:memory:` keeps nothing on disk) in WAL mode. With
   * `synchronous = NORMAL` a committed transaction survives a crash of the
   * process (`kill -9`), but not a power loss before the next checkpoint.
   */
  constructor(path: string) {
    this.connection = new DatabaseSync(path)
    if (path !== ':memory:') {
      this.connection.exec('PRAGMA journal_mode = WAL')
      this.connection.exec('PRAGMA synchronous = NORMAL')
    }
    this.connection.exec('PRAGMA busy_timeout = 5000')
    this.connection.exec(schemaSql)
    this.addMissingColumns()
  }

  /** Adds columns that files written by earlier versions of the emulator lack. */
  private addMissingColumns(): void {
    const columns = this.all<{ name: string }>('PRAGMA table_info(extraction_jobs)').map((column) => column.name)
    if (!columns.includes('namespace_variables')) {
      this.connection.exec("ALTER TABLE extraction_jobs ADD COLUMN namespace_variables TEXT NOT NULL DEFAULT '{}'")
    }
  }

  /** Returns the prepared statement for `sql`, preparing it on first use. */
  statement(sql: string): StatementSync {
    let statement = this.statements.get(sql)
    if (statement === undefined) {
      statement = this.connection.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }

  /** Runs a write statement. */
  run(sql: string, ...params: SQLInputValue[]): void {
    this.statement(sql).run(...params)
  }

  /** Returns the first row of a query, typed by the caller. */
  get<Row>(sql: string, ...params: SQLInputValue[]): Row | undefined {
    return this.statement(sql).get(...params) as Row | undefined
  }

  /** Returns every row of a query, typed by the caller. */
  all<Row>(sql: string, ...params: SQLInputValue[]): Row[] {
    return this.statement(sql).all(...params) as Row[]
  }

  /** Runs `work` in one transaction, rolled back if it throws. */
  transaction<T>(work: () => T): T {
    this.connection.exec('BEGIN IMMEDIATE')
    try {
      const result = work()
      this.connection.exec('COMMIT')
      return result
    } catch (error) {
      this.connection.exec('ROLLBACK')
      throw error
    }
  }

  /** Closes the connection; the WAL is checkpointed into the main file. */
  close(): void {
    this.statements.clear()
    this.connection.close()
  }
}
