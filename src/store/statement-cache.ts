/**
 * Prepares each SQL text once. Callers build their SQL from a fixed set of shapes (filters are
 * bound, see record-rows.ts), so the cache stays small without an eviction rule.
 */
import type { Database, Statement } from 'better-sqlite3'

export class StatementCache {
  readonly #db: Database
  readonly #statements = new Map<string, Statement>()

  constructor (db: Database) {
    this.#db = db
  }

  all<T> (sql: string, params: unknown[]): T[] {
    let statement = this.#statements.get(sql)
    if (statement === undefined) {
      statement = this.#db.prepare(sql)
      this.#statements.set(sql, statement)
    }

    return statement.all(...params) as T[]
  }
}
