/**
 * Read-only lookups over the observations. Each one walks an index in its own stable order and
 * pages by keyset (see cursor.ts). Each has a fixed set of statement shapes (see record-rows.ts).
 */
import type { Database } from 'better-sqlite3'
import { RRTYPE_CODES, type RRType } from '../feeds/observation.js'
import { nameKey, suffixRange } from './name-key.js'
import { decodeCursor, encodeCursor, type CursorValue } from './cursor.js'
import type { StoredRdata } from './rdata-codec.js'
import { StatementCache } from './statement-cache.js'
import {
  FILTERS, SELECT_COLUMNS, TARGET_JOIN, filterParams, toRecord,
  type ObservationRecord, type Row, type TimeFences
} from './record-rows.js'

export type { ObservationRecord, TimeFences }

export interface LookupOptions {
  rrtypes?: RRType[]
  limit: number
  cursor?: string
  fences?: TimeFences
}

export interface Page<T> {
  records: T[]
  /** Present when there are more records after this page. */
  nextCursor?: string
}

const RDATA_AFTER_CURSOR = '(o.rdata, o.rrname_id) > (?, ?) AND o.rdata <= ?'

/** The query a cursor belongs to: the lookup and everything that filters it. */
function scopeOf (kind: string, bounds: unknown[], filters: unknown[]): string {
  const text = (value: unknown) => Buffer.isBuffer(value) ? value.toString('hex') : String(value)

  return [kind, ...bounds, ...filters].map(text).join('\u0000')
}

export class ObservationQueries {
  readonly #statements: StatementCache

  constructor (db: Database) {
    this.#statements = new StatementCache(db)
  }

  #all (sql: string, params: unknown[]): Row[] {
    return this.#statements.all<Row>(sql, params)
  }

  #page (scope: string, rows: Row[], limit: number,
    keyOf: (row: Row) => CursorValue[]): Page<ObservationRecord> {
    const more = rows.length > limit
    const shown = more ? rows.slice(0, limit) : rows
    const last = shown[shown.length - 1]
    const page: Page<ObservationRecord> = { records: shown.map(toRecord) }
    if (more && last !== undefined) page.nextCursor = encodeCursor(scope, keyOf(last))

    return page
  }

  /** Everything observed for one name, or for the names under a suffix, ordered by name. */
  byName (name: string, options: LookupOptions & { subdomains?: 'include' | 'only' }) {
    const [low, high] = nameRange(name, options.subdomains)
    const filters = filterParams(options.rrtypes, options.fences)
    const scope = scopeOf('name', [low, high], filters)
    const after = options.cursor === undefined
      ? []
      : decodeCursor(scope, options.cursor, ['string', 'number', 'rdata'])
    const rows = this.#all(`${SELECT_COLUMNS}
      FROM names n
      JOIN observations o ON o.rrname_id = n.id
      ${TARGET_JOIN}
      WHERE n.name >= ? AND n.name < ?
        AND ${FILTERS}
        ${after.length === 0 ? '' : 'AND (n.name, o.rrtype, o.rdata) > (?, ?, ?)'}
      ORDER BY n.name, o.rrtype, o.rdata
      LIMIT ?`, [low, high, ...filters, ...after, options.limit + 1])

    return this.#page(scope, rows, options.limit, (r) => [r.rrname_key, r.rrtype, r.rdata])
  }

  /**
   * Every owner whose rdata of one type lies in [low, high]: one address or a CIDR range for A
   * and AAAA, one name id for NS and CNAME, an id's range for MX (rdata-codec.ts).
   */
  byRdata (rrtype: RRType, low: StoredRdata, high: StoredRdata, options: LookupOptions) {
    const filters = filterParams(undefined, options.fences)
    const scope = scopeOf(`rdata-${rrtype}`, [low, high], filters)
    const after = options.cursor === undefined
      ? []
      : decodeCursor(scope, options.cursor, ['rdata', 'number'])
    // After a cursor (whose rdata lies in the range: its scope says so) the cursor itself is
    // the lower bound, so SQLite seeks to it. With BETWEEN beside it, SQLite seeks to the start
    // of the range and walks every earlier row again: each page cost as much as all before it.
    const range = after.length === 0 ? 'o.rdata BETWEEN ? AND ?' : RDATA_AFTER_CURSOR
    const bounds = after.length === 0 ? [low, high] : [...after, high]
    const rows = this.#all(`${SELECT_COLUMNS}
      FROM observations o INDEXED BY observations_by_rdata
      JOIN names n ON n.id = o.rrname_id
      ${TARGET_JOIN}
      WHERE o.rrtype = ? AND ${range}
        AND ${FILTERS}
      ORDER BY o.rdata, o.rrname_id
      LIMIT ?`, [RRTYPE_CODES[rrtype], ...bounds, ...filters, options.limit + 1])

    return this.#page(scope, rows, options.limit, (r) => [r.rdata, r.rrname_id])
  }
}

/**
 * The key range of a name lookup. Keys are ASCII, so key + NUL is the first key after it:
 * the name alone is [key, key + NUL), its subtree [key, subtree end), what lies under it
 * (key + NUL, subtree end).
 */
export function nameRange (name: string,
  subdomains: 'include' | 'only' | undefined): [string, string] {
  const key = nameKey(name)
  if (subdomains === undefined) return [key, `${key}\u0000`]
  const [, high] = suffixRange(name)

  return [subdomains === 'include' ? key : `${key}\u0000`, high]
}
