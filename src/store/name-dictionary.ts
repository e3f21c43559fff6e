/**
 * Maps canonical names to the integer ids that the big tables hold, keeping each name both
 * reversed (names, for suffix ranges) and as written (name_forward, for leading-label ranges). A bounded in-memory cache
 * spares most look-ups on the ingest path; it must be dropped when a transaction rolls back,
 * since ids handed out inside it no longer exist.
 */
import type { Database, Statement } from 'better-sqlite3'
import { nameKey } from './name-key.js'

const CACHE_MAX_ENTRIES = 500_000

export class NameDictionary {
  readonly #insertName: Statement
  readonly #insertForwardName: Statement
  readonly #selectIdByName: Statement
  readonly #cache = new Map<string, number>()

  constructor (db: Database) {
    this.#insertName = db.prepare(`
      INSERT INTO names (name)
      VALUES (?)
      ON CONFLICT (name) DO NOTHING
    `)
    this.#insertForwardName = db.prepare(`
      INSERT INTO name_forward (name, id)
      VALUES (?, ?)
    `)
    this.#selectIdByName = db.prepare(`
      SELECT id
      FROM names
      WHERE name = ?
    `).pluck()
  }

  /** The id of a canonical name, creating it; call inside a write transaction. */
  idOf (name: string): number {
    const cached = this.#cache.get(name)
    if (cached !== undefined) return cached

    const key = nameKey(name)
    let id = this.#selectIdByName.get(key) as number | undefined
    if (id === undefined) {
      id = Number(this.#insertName.run(key).lastInsertRowid)
      this.#insertForwardName.run(name, id)
    }
    if (this.#cache.size >= CACHE_MAX_ENTRIES) this.#cache.clear()
    this.#cache.set(name, id)

    return id
  }

  /** The id of a name if it was ever stored; never writes. */
  findId (name: string): number | undefined {
    return this.#cache.get(name) ?? this.#selectIdByName.get(nameKey(name)) as number | undefined
  }

  forgetUncommitted (): void {
    this.#cache.clear()
  }
}
