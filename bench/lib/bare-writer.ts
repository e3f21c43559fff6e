/**
 * The storage limit: plain better-sqlite3 batched upserts of canonical observations into the
 * product's schema, with nothing else on the path (no Kafka, no parsing, no per-batch folding,
 * no offsets) and a name-id map as large as a JavaScript Map allows. Also how stores are built
 * quickly: on a fresh store every upsert is an insert. Encodings are the product's (nameKey,
 * encodeRdata), so a store written here answers the product's lookups and takes its later
 * writes.
 */
import Database from 'better-sqlite3'
import { RRTYPE_CODES } from '../../src/feeds/observation.js'
import { migrate } from '../../src/store/migrations.js'
import { nameKey } from '../../src/store/name-key.js'
import { encodeRdata } from '../../src/store/rdata-codec.js'
import type { GenObservation } from '../gen/generator.js'

export interface BareOptions {
  /** SQLite page cache in MiB; undefined keeps SQLite's default (the product's setting). */
  cacheMiB?: number
  /** WAL pages before an automatic checkpoint; undefined keeps SQLite's 1000. */
  walAutocheckpoint?: number
  /** Bytes of the file read through a memory map; undefined keeps SQLite's 0. */
  mmapBytes?: number
}

/** Opens a store file as the product does (store.ts): WAL, synchronous NORMAL. */
export function openLikeProduct (path: string, options: BareOptions = {}): Database.Database {
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('journal_size_limit = 67108864')
  if (options.cacheMiB !== undefined) db.pragma(`cache_size = -${options.cacheMiB * 1024}`)
  if (options.walAutocheckpoint !== undefined) {
    db.pragma(`wal_autocheckpoint = ${options.walAutocheckpoint}`)
  }
  if (options.mmapBytes !== undefined) db.pragma(`mmap_size = ${options.mmapBytes}`)
  migrate(db)

  return db
}

/**
 * A Map holds at most 2^24 entries (V8): a 100M store has more names than that, so the map
 * is emptied when it reaches this size. Stores up to 10M (about 4M names) never reach it, so
 * the storage limit measured there is the one of an unbounded map.
 */
export const NAME_CACHE_MAX_ENTRIES = 8_000_000

interface Folded {
  obs: GenObservation
  first: number
  last: number
  count: number
}

function folded (batch: GenObservation[]): Folded[] {
  const byKey = new Map<string, Folded>()
  for (const obs of batch) {
    const key = `${obs.rrname} ${obs.rrtype} ${obs.rdata}`
    const seen = byKey.get(key)
    if (seen === undefined) {
      byKey.set(key, { obs, first: obs.timeSeen, last: obs.timeSeen, count: 1 })
      continue
    }
    seen.first = Math.min(seen.first, obs.timeSeen)
    seen.last = Math.max(seen.last, obs.timeSeen)
    seen.count++
  }

  return [...byKey.values()]
}

export class BareWriter {
  readonly #ids = new Map<string, number>()
  readonly #selectName: Database.Statement
  readonly #insertName: Database.Statement
  readonly #insertForwardName: Database.Statement
  readonly #upsert: Database.Statement
  readonly #write: (batch: Folded[]) => void
  readonly #nameCacheMax: number

  constructor (db: Database.Database, nameCacheMax = NAME_CACHE_MAX_ENTRIES) {
    this.#nameCacheMax = nameCacheMax
    this.#selectName = db.prepare('SELECT id FROM names WHERE name = ?').pluck()
    this.#insertName = db.prepare('INSERT INTO names (name) VALUES (?)')
    this.#insertForwardName = db.prepare('INSERT INTO name_forward (name, id) VALUES (?, ?)')
    this.#upsert = db.prepare(`
      INSERT INTO observations (rrname_id, rrtype, rdata, first_seen, last_seen, count)
      VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (rrname_id, rrtype, rdata) DO UPDATE SET
        first_seen = min(first_seen, excluded.first_seen),
        last_seen = max(last_seen, excluded.last_seen),
        count = count + excluded.count`)
    this.#write = db.transaction((batch: Folded[]) => {
      for (const row of batch) this.#writeOne(row)
    })
  }

  /** One transaction; `fold` first merges repeats of a pair within the batch into one row. */
  write (batch: GenObservation[], fold = false): void {
    this.#write(fold ? folded(batch) : batch.map((obs) => ({ obs, first: obs.timeSeen,
      last: obs.timeSeen, count: 1 })))
  }

  #idOf (name: string): number {
    let id = this.#ids.get(name)
    if (id !== undefined) return id
    const key = nameKey(name)
    id = this.#selectName.get(key) as number | undefined
    if (id === undefined) {
      id = Number(this.#insertName.run(key).lastInsertRowid)
      this.#insertForwardName.run(name, id)
    }
    if (this.#ids.size >= this.#nameCacheMax) this.#ids.clear()
    this.#ids.set(name, id)

    return id
  }

  #writeOne ({ obs, first, last, count }: Folded): void {
    const idOf = (name: string): number => this.#idOf(name)
    const rdata = encodeRdata(obs.rrtype, obs.rdata, idOf)
    this.#upsert.run(idOf(obs.rrname), RRTYPE_CODES[obs.rrtype], rdata, first, last, count)
  }
}
