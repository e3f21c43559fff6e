/**
 * The SQLite store: opens the database file (WAL), brings its schema up to date and hands out
 * the writer and the read-only queries. One Store per process; better-sqlite3 is synchronous.
 */
import Database from 'better-sqlite3'
import { DnsledgerError } from '../errors.js'
import {
  BatchWriter, type BatchResult, type IngestBatch, type PartitionOffset
} from './batch-writer.js'
import { migrate } from './migrations.js'
import { NameDictionary } from './name-dictionary.js'
import { NewDomainQueries } from './new-domain-queries.js'
import { ObservationQueries } from './observation-queries.js'
import { RejectedQueries } from './rejected-queries.js'
import { SoaHistoryQueries } from './soa-history-queries.js'
import { TxtSearchQueries } from './txt-search-queries.js'

export interface StoreOptions {
  /** Open an existing database only; never create one (for read-only tools). */
  readonly?: boolean
}

const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT'])
const PAGE_CACHE_KIB = 262_144
const WAL_CHECKPOINT_PAGES = 65_536

function openDatabase (path: string, options: StoreOptions): Database.Database {
  const readonly = options.readonly === true
  let db: Database.Database
  try {
    db = new Database(path, { readonly, fileMustExist: readonly })
  } catch (err) {
    throw cannotOpenError(path, err as Error)
  }
  if (!readonly) {
    db.pragma('journal_mode = WAL')
    // With offsets committed in the same transaction as rows, a power cut losing the last
    // transactions only makes the consumer read them again: NORMAL keeps exactly-once.
    db.pragma('synchronous = NORMAL')
    db.pragma('journal_size_limit = 67108864')
    // Measured by the write benchmark at 10M observations (bench/write-variants.ts): a 256 MiB
    // page cache and checkpoints every 64Ki pages instead of 1Ki each made upserts ~1.14x faster.
    db.pragma(`cache_size = -${PAGE_CACHE_KIB}`)
    db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`)
  }
  db.pragma('busy_timeout = 5000')
  db.pragma('foreign_keys = OFF')

  return db
}

function corruptError (path: string, err: Error): DnsledgerError {
  return new DnsledgerError('STORE_CORRUPT', `${path} is not a usable dnsledger database ` +
    `(${err.message}). It was left untouched: restore it from a backup, or move it aside and ` +
    'start again to rebuild from the feed', { path })
}

function cannotOpenError (path: string, err: Error): DnsledgerError {
  return new DnsledgerError('STORE_CANNOT_OPEN', `cannot open ${path} (${err.message}): check ` +
    'DNSLEDGER_DB, that its folder exists and that this user may write there', { path })
}

export class Store {
  readonly path: string
  readonly db: Database.Database
  readonly observations: ObservationQueries
  readonly newDomains: NewDomainQueries
  readonly rejected: RejectedQueries
  readonly txt: TxtSearchQueries
  readonly soa: SoaHistoryQueries
  readonly #names: NameDictionary
  readonly #writer: BatchWriter | undefined
  readonly #selectOffsets: Database.Statement
  readonly #selectAnyObservation: Database.Statement

  private constructor (path: string, db: Database.Database, readonly: boolean) {
    this.path = path
    this.db = db
    this.#names = new NameDictionary(db)
    this.#writer = readonly ? undefined : new BatchWriter(db, this.#names)
    this.observations = new ObservationQueries(db)
    this.newDomains = new NewDomainQueries(db)
    this.rejected = new RejectedQueries(db)
    this.txt = new TxtSearchQueries(db)
    this.soa = new SoaHistoryQueries(db)
    this.#selectOffsets = db.prepare(`
      SELECT topic, partition, next_offset AS nextOffset
      FROM kafka_offsets
      ORDER BY topic, partition
    `)
    this.#selectAnyObservation = db.prepare('SELECT 1 FROM observations LIMIT 1').pluck()
  }

  static open (path: string, options: StoreOptions = {}): Store {
    let db: Database.Database | undefined
    try {
      db = openDatabase(path, options)
      if (options.readonly !== true) migrate(db)

      return new Store(path, db, options.readonly === true)
    } catch (err) {
      db?.close()
      const code = (err as { code?: string }).code
      if (code !== undefined && CORRUPT_CODES.has(code)) throw corruptError(path, err as Error)
      throw err
    }
  }

  // TODO(perf): writes run on the thread that serves HTTP, so a large transaction delays the
  // requests that arrive during it; the writer belongs on a worker thread with its own handle.
  write (batch: IngestBatch): BatchResult {
    if (this.#writer === undefined) throw new Error('store was opened read-only')

    return this.#writer.write(batch)
  }

  offsets (): PartitionOffset[] {
    return this.#selectOffsets.all() as PartitionOffset[]
  }

  isEmpty (): boolean {
    return this.#selectAnyObservation.get() === undefined
  }

  nameIdOf (name: string): number | undefined {
    return this.#names.findId(name)
  }

  close (): void {
    if (this.db.open) this.db.close()
  }
}
