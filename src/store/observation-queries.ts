/**
 * Read-only lookups over the observations. Each one walks an index in its own stable order and
 * pages by keyset (see cursor.ts). Statements are prepared once per distinct SQL shape.
 */
import type { Database, Statement } from 'better-sqlite3'
import { RRTYPE_CODES, type RRType } from '../feeds/observation.js'
import { nameFromKey, nameKey, suffixRange } from './name-key.js'
import { decodeCursor, encodeCursor, type CursorValue } from './cursor.js'
import { decodeRdata, rrtypeOfCode, type StoredRdata } from './rdata-codec.js'

export interface TimeFences {
  firstSeenAfter?: number
  firstSeenBefore?: number
  lastSeenAfter?: number
  lastSeenBefore?: number
}

export interface LookupOptions {
  rrtypes?: RRType[]
  limit: number
  cursor?: string
  fences?: TimeFences
}

export interface ObservationRecord {
  rrname: string
  rrtype: RRType
  rdata: string
  first_seen: number
  last_seen: number
  count: number
}

export interface Page<T> {
  records: T[]
  /** Present when there are more records after this page. */
  nextCursor?: string
}

interface Row {
  rrname_key: string
  rrname_id: number
  rrtype: number
  rdata: number | string | Buffer
  first_seen: number
  last_seen: number
  count: number
  target_key: string | null
}

const TARGET_JOIN = `
  LEFT JOIN names t ON t.id = (CASE o.rrtype
    WHEN ${RRTYPE_CODES.MX} THEN o.rdata / 65537
    WHEN ${RRTYPE_CODES.NS} THEN o.rdata
    WHEN ${RRTYPE_CODES.CNAME} THEN o.rdata
  END)`

const SELECT_COLUMNS = `
  SELECT
    n.name AS rrname_key,
    o.rrname_id,
    o.rrtype,
    o.rdata,
    o.first_seen,
    o.last_seen,
    o.count,
    t.name AS target_key`

function fenceConditions (fences: TimeFences | undefined, params: unknown[]): string[] {
  const conditions: string[] = []
  const add = (sql: string, value: number | undefined): void => {
    if (value === undefined) return
    conditions.push(sql)
    params.push(value)
  }
  add('o.first_seen > ?', fences?.firstSeenAfter)
  add('o.first_seen < ?', fences?.firstSeenBefore)
  add('o.last_seen > ?', fences?.lastSeenAfter)
  add('o.last_seen < ?', fences?.lastSeenBefore)

  return conditions
}

function rrtypeCondition (rrtypes: RRType[] | undefined, params: unknown[]): string[] {
  if (rrtypes === undefined || rrtypes.length === 0) return []
  params.push(...rrtypes.map((type) => RRTYPE_CODES[type]))

  return [`o.rrtype IN (${rrtypes.map(() => '?').join(', ')})`]
}

function toRecord (row: Row): ObservationRecord {
  const target = row.target_key === null ? undefined : nameFromKey(row.target_key)

  return {
    rrname: nameFromKey(row.rrname_key),
    rrtype: rrtypeOfCode(row.rrtype) ?? 'A',
    rdata: decodeRdata(row.rrtype, row.rdata, target),
    first_seen: row.first_seen,
    last_seen: row.last_seen,
    count: row.count
  }
}

export class ObservationQueries {
  readonly #db: Database
  readonly #statements = new Map<string, Statement>()

  constructor (db: Database) {
    this.#db = db
  }

  #all (sql: string, params: unknown[]): Row[] {
    let statement = this.#statements.get(sql)
    if (statement === undefined) {
      statement = this.#db.prepare(sql)
      this.#statements.set(sql, statement)
    }

    return statement.all(...params) as Row[]
  }

  #page (kind: string, rows: Row[], limit: number,
    keyOf: (row: Row) => CursorValue[]): Page<ObservationRecord> {
    const more = rows.length > limit
    const shown = more ? rows.slice(0, limit) : rows
    const last = shown[shown.length - 1]
    const page: Page<ObservationRecord> = { records: shown.map(toRecord) }
    if (more && last !== undefined) page.nextCursor = encodeCursor(kind, keyOf(last))

    return page
  }

  /** Everything observed for one name, or for the names under a suffix, ordered by name. */
  byName (name: string, options: LookupOptions & { subdomains?: 'include' | 'only' }) {
    const key = nameKey(name)
    const params: unknown[] = []
    const where: string[] = []
    if (options.subdomains === undefined) {
      where.push('n.name = ?')
      params.push(key)
    } else {
      const [low, high] = suffixRange(name)
      where.push(options.subdomains === 'include' ? 'n.name >= ?' : 'n.name > ?', 'n.name < ?')
      params.push(low, high)
    }
    where.push(...rrtypeCondition(options.rrtypes, params))
    where.push(...fenceConditions(options.fences, params))
    if (options.cursor !== undefined) {
      where.push('(n.name, o.rrtype, o.rdata) > (?, ?, ?)')
      params.push(...decodeCursor('name', options.cursor, 3))
    }
    params.push(options.limit + 1)
    const rows = this.#all(`${SELECT_COLUMNS}
      FROM names n
      JOIN observations o ON o.rrname_id = n.id
      ${TARGET_JOIN}
      WHERE ${where.join(' AND ')}
      ORDER BY n.name, o.rrtype, o.rdata
      LIMIT ?`, params)

    return this.#page('name', rows, options.limit, (r) => [r.rrname_key, r.rrtype, r.rdata])
  }

  /**
   * Every owner whose rdata of one type lies in [low, high]: one address or a CIDR range for A
   * and AAAA, one name id for NS and CNAME, an id's range for MX (rdata-codec.ts).
   */
  byRdata (rrtype: RRType, low: StoredRdata, high: StoredRdata, options: LookupOptions) {
    const params: unknown[] = [RRTYPE_CODES[rrtype], low, high]
    const where = ['o.rrtype = ?', 'o.rdata BETWEEN ? AND ?']
    where.push(...fenceConditions(options.fences, params))
    if (options.cursor !== undefined) {
      where.push('(o.rdata, o.rrname_id) > (?, ?)')
      params.push(...decodeCursor(`rdata-${rrtype}`, options.cursor, 2))
    }
    params.push(options.limit + 1)
    const rows = this.#all(`${SELECT_COLUMNS}
      FROM observations o INDEXED BY observations_by_rdata
      JOIN names n ON n.id = o.rrname_id
      ${TARGET_JOIN}
      WHERE ${where.join(' AND ')}
      ORDER BY o.rdata, o.rrname_id
      LIMIT ?`, params)

    return this.#page(`rdata-${rrtype}`, rows, options.limit, (r) => [r.rdata, r.rrname_id])
  }
}
