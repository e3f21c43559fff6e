/**
 * Read-only lookups over the observations. Each one walks an index in its own stable order and
 * pages by keyset (see cursor.ts). Each has a fixed set of statement shapes (see record-rows.ts).
 */
import type { Database } from 'better-sqlite3'
import { RRTYPE_CODES, type RRType } from '../feeds/observation.js'
import { nameRange } from './name-key.js'
import { decodeCursor, heldRdata, type CursorValue } from './cursor.js'
import { keysetPage, scopeOf, type Page } from './keyset-page.js'
import { LongRdata } from './long-rdata.js'
import type { StoredRdata } from './rdata-codec.js'
import { StatementCache } from './statement-cache.js'
import {
  FILTERS, SELECT_COLUMNS, TARGET_JOIN, filterParams, toRecord,
  type ObservationRecord, type Row, type TimeFences
} from './record-rows.js'

export type { ObservationRecord, Page, TimeFences }

export interface LookupOptions {
  rrtypes?: RRType[]
  limit: number
  cursor?: string
  fences?: TimeFences
}

export class ObservationQueries {
  readonly #statements: StatementCache
  readonly #longRdata: LongRdata

  constructor (db: Database) {
    this.#statements = new StatementCache(db)
    this.#longRdata = new LongRdata(db)
  }

  #all (sql: string, params: unknown[]): Row[] {
    return this.#statements.all<Row>(sql, params)
  }

  #page (scope: string, rows: Row[], limit: number,
    keyOf: (row: Row) => CursorValue[]): Page<ObservationRecord> {
    return keysetPage(scope, rows, limit, keyOf, toRecord)
  }

  /** Everything observed for one name, or for the names under a suffix, ordered by name. */
  // TODO(perf): the cursor's row value spans two tables, so SQLite cannot seek to it: every page
  // of a suffix walks the suffix's names from its start (byTargetSubtree shows the way round).
  byName (name: string, options: LookupOptions & { subdomains?: 'include' | 'only' }) {
    const [low, high] = nameRange(name, options.subdomains)
    const filters = filterParams(options.rrtypes, options.fences)
    const scope = scopeOf('name', [low, high], filters)
    const after = options.cursor === undefined ? [] : this.#nameCursor(scope, options.cursor)
    const rows = this.#all(`${SELECT_COLUMNS}
      FROM names n
      JOIN observations o ON o.rrname_id = n.id
      ${TARGET_JOIN}
      WHERE n.name >= ? AND n.name < ?
        AND ${FILTERS}
        ${after.length === 0 ? '' : 'AND (n.name, o.rrtype, o.rdata) > (?, ?, ?)'}
      ORDER BY n.name, o.rrtype, o.rdata
      LIMIT ?`, [low, high, ...filters, ...after, options.limit + 1])

    return this.#page(scope, rows, options.limit,
      (r) => [r.rrname_key, r.rrtype, heldRdata(r.rdata)])
  }

  /** (name key, type, rdata), a long text's rdata found again whole. */
  #nameCursor (scope: string, cursor: string): CursorValue[] {
    const [key, rrtype, rdata] = decodeCursor(scope, cursor, ['string', 'number', 'long-rdata']) as
      [string, number, CursorValue]

    return [key, rrtype, this.#longRdata.ofName(rdata, key, rrtype)]
  }

  /**
   * Every owner whose rdata of one type lies in [low, high]: one address, a CIDR or a
   * first-last range for A and AAAA, one name id for NS and CNAME, an id's range for MX
   * (rdata-codec.ts). The first page starts after (low, -1), owner ids being positive: one
   * lower bound, so that SQLite seeks to it instead of walking from low on every page.
   */
  byRdata (rrtype: RRType, low: StoredRdata, high: StoredRdata, options: LookupOptions) {
    const filters = filterParams(undefined, options.fences)
    const scope = scopeOf(`rdata-${rrtype}`, [low, high], filters)
    const after = options.cursor === undefined
      ? [low, -1]
      : decodeCursor(scope, options.cursor, ['rdata', 'number'])
    const rows = this.#all(`${SELECT_COLUMNS}
      FROM observations o INDEXED BY observations_by_rdata
      JOIN names n ON n.id = o.rrname_id
      ${TARGET_JOIN}
      WHERE o.rrtype = ? AND (o.rdata, o.rrname_id) > (?, ?) AND o.rdata <= ?
        AND ${FILTERS}
      ORDER BY o.rdata, o.rrname_id
      LIMIT ?`, [RRTYPE_CODES[rrtype], ...after, high, ...filters, options.limit + 1])

    return this.#page(scope, rows, options.limit, (r) => [r.rdata, r.rrname_id])
  }
}
