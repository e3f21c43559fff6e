/**
 * The SQLite store: opens the database file (WAL), brings its schema up to date and hands out
 * the writer and the read-only queries. better-sqlite3 is synchronous, so the service keeps two
 * connections to the file: a reader on the thread that serves HTTP, which runs the migrations
 * first, and a writer on a thread of its own (src/ingest/writer-thread.ts). WAL lets the reader
 * work beside the writer, each query seeing the last committed transaction. The command-line
 * tools and the tests open one connection that does both.
 */
import Database from 'better-sqlite3'
import { DnsledgerError } from '../errors.js'
import {
  BatchWriter, type BatchResult, type IngestBatch, type PartitionOffset
} from './batch-writer.js'
import { checkSchema, migrate } from './migrations.js'
import { NameDictionary } from './name-dictionary.js'
import { NewDomainQueries } from './new-domain-queries.js'
import { ObservationQueries } from './observation-queries.js'
import { RejectedQueries } from './rejected-queries.js'
import { SoaHistoryQueries } from './soa-history-queries.js'
import { TxtSearchQueries } from './txt-search-queries.js'
import { WildcardQueries } from './wildcard-queries.js'

/**
 * - `reader`: the service's HTTP thread. Creates the file and runs the migrations, then only
 *   reads (query_only), with a small page cache.
 * - `writer`: the service's writer thread. Expects the schema the reader brought up to date.
 * - neither (the default): one connection that migrates, reads and writes (CLI, tests).
 */
export type StoreRole = 'reader' | 'writer'

export interface StoreOptions {
  /** Open an existing database only; never create one (for read-only tools). */
  readonly?: boolean
  role?: StoreRole
}

const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT'])
const WRITER_CACHE_KIB = 262_144
/**
 * Any commit by the writer empties the reader's whole page cache (SQLite drops it when a read
 * transaction finds the WAL changed), so while the feed is ingested a large one would buy
 * nothing; idle, 32 MiB keeps the top of the indexes, and the OS caches the rest of the file.
 */
const READER_CACHE_KIB = 32_768
const WAL_CHECKPOINT_PAGES = 65_536
/**
 * The writer reads pages through a memory map of the file (up to SQLite's 2 GiB limit) rather
 * than copying each into its page cache: bench/ingest-variants.ts and the write path measured
 * ×1.1 at 10M observations. Reads only: SQLite still writes through the log.
 */
const WRITER_MMAP_BYTES = 2_147_418_112

function connect (path: string, readonly: boolean): Database.Database {
  try {
    return new Database(path, { readonly, fileMustExist: readonly })
  } catch (err) {
    throw cannotOpenError(path, err as Error)
  }
}

/** Settings of a connection that writes: they apply to the transactions it commits. */
function tuneWriter (db: Database.Database): void {
  // With offsets committed in the same transaction as rows, a power cut losing the last
  // transactions only makes the consumer read them again: NORMAL keeps exactly-once.
  db.pragma('synchronous = NORMAL')
  db.pragma('journal_size_limit = 67108864')
  // Measured by the write benchmark at 10M observations (bench/write-variants.ts): a 256 MiB
  // page cache and checkpoints every 64Ki pages instead of 1Ki each made upserts ~1.14x faster.
  db.pragma(`cache_size = -${WRITER_CACHE_KIB}`)
  db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`)
  db.pragma(`mmap_size = ${WRITER_MMAP_BYTES}`)
}

function openDatabase (path: string, options: StoreOptions): Database.Database {
  const readonly = options.readonly === true
  const db = connect(path, readonly)
  if (!readonly) db.pragma('journal_mode = WAL')
  if (!readonly && options.role !== 'reader') tuneWriter(db)
  if (options.role === 'reader') db.pragma(`cache_size = -${READER_CACHE_KIB}`)
  db.pragma('busy_timeout = 5000')
  db.pragma('foreign_keys = OFF')

  return db
}

/** Migrations where this connection owns the schema; the writer thread only checks it. */
function prepareSchema (db: Database.Database, options: StoreOptions): void {
  if (options.readonly === true) return
  if (options.role === 'writer') {
    checkSchema(db)
    return
  }
  migrate(db)
  if (options.role === 'reader') db.pragma('query_only = ON')
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
  readonly wildcards: WildcardQueries
  readonly #names: NameDictionary
  readonly #writer: BatchWriter | undefined
  readonly #selectOffsets: Database.Statement
  readonly #selectAnyObservation: Database.Statement

  private constructor (path: string, db: Database.Database, writes: boolean) {
    this.path = path
    this.db = db
    this.#names = new NameDictionary(db)
    this.#writer = writes ? new BatchWriter(db, this.#names) : undefined
    this.observations = new ObservationQueries(db)
    this.newDomains = new NewDomainQueries(db)
    this.rejected = new RejectedQueries(db)
    this.txt = new TxtSearchQueries(db)
    this.soa = new SoaHistoryQueries(db)
    this.wildcards = new WildcardQueries(db)
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
      prepareSchema(db, options)

      return new Store(path, db, options.readonly !== true && options.role !== 'reader')
    } catch (err) {
      db?.close()
      const code = (err as { code?: string }).code
      if (code !== undefined && CORRUPT_CODES.has(code)) throw corruptError(path, err as Error)
      throw err
    }
  }

  write (batch: IngestBatch): BatchResult {
    return this.writeAll([batch])[0] as BatchResult
  }

  /** Batches written in one transaction (see batch-writer.ts); each one's figures, in order. */
  writeAll (batches: IngestBatch[]): BatchResult[] {
    if (this.#writer === undefined) throw new Error('store was opened for reading only')

    return this.#writer.write(batches)
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
