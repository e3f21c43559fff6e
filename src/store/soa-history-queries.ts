/**
 * A zone's SOA history: every distinct SOA observed at the zone's name, in first_seen order,
 * with its fields split out so that serial changes read down the page. SOA rows of one name
 * are one range of the primary key (rrname_id, rrtype); ordering them by first_seen sorts
 * that range on every page. Pages by keyset on (first_seen, rdata).
 *
 * TODO(search): a zone with many SOA versions (a serial a minute) costs a sort of all of them
 * per page (README, Known limitations); a partial index on (rrname_id, first_seen, rdata)
 * WHERE rrtype = SOA would make each page a range read.
 */
import type { Database } from 'better-sqlite3'
import { RRTYPE_CODES } from '../feeds/observation.js'
import { parseSoaRdata, type SoaFields } from '../feeds/soa-rdata.js'
import { decodeCursor, heldRdata, type CursorValue } from './cursor.js'
import { keysetPage, scopeOf } from './keyset-page.js'
import { LongRdata } from './long-rdata.js'
import { nameKey } from './name-key.js'
import type { Page } from './observation-queries.js'
import { FILTERS, filterParams, type TimeFences } from './record-rows.js'
import { StatementCache } from './statement-cache.js'

export interface SoaRecord extends SoaFields {
  zone: string
  rdata: string
  first_seen: number
  last_seen: number
  count: number
}

export interface SoaHistoryOptions {
  /** asc: oldest first. */
  order: 'asc' | 'desc'
  fences?: TimeFences
  limit: number
  cursor?: string
}

interface SoaRow {
  rdata: string
  first_seen: number
  last_seen: number
  count: number
}

/** Keys before the first (asc) or after the last (desc) row, so that one shape pages both. */
const START = { asc: [-1, ''], desc: [Number.MAX_SAFE_INTEGER, ''] }

const HISTORY = (order: 'asc' | 'desc') => `
  SELECT o.rdata, o.first_seen, o.last_seen, o.count
  FROM observations o
  WHERE o.rrname_id = (SELECT id FROM names WHERE name = ?)
    AND o.rrtype = ${RRTYPE_CODES.SOA}
    AND ${FILTERS}
    AND (o.first_seen, o.rdata) ${order === 'asc' ? '>' : '<'} (?, ?)
  ORDER BY o.first_seen ${order}, o.rdata ${order}
  LIMIT ?`

export class SoaHistoryQueries {
  readonly #statements: StatementCache
  readonly #longRdata: LongRdata

  constructor (db: Database) {
    this.#statements = new StatementCache(db)
    this.#longRdata = new LongRdata(db)
  }

  /** The SOA records of a zone (a canonical name), oldest or newest first. */
  history (zone: string, options: SoaHistoryOptions): Page<SoaRecord> {
    const filters = filterParams(undefined, options.fences)
    const scope = scopeOf('soa', [zone, options.order], filters)
    const after = options.cursor === undefined
      ? START[options.order]
      : this.#resumeKey(scope, options.cursor, zone)
    const rows = this.#statements.all<SoaRow>(HISTORY(options.order),
      [nameKey(zone), ...filters, ...after, options.limit + 1])

    return keysetPage(scope, rows, options.limit, (row) => [row.first_seen, heldRdata(row.rdata)],
      (row) => soaRecord(zone, row))
  }

  /** (first_seen, rdata), a long SOA's rdata found again whole. */
  #resumeKey (scope: string, cursor: string, zone: string): CursorValue[] {
    const [firstSeen, rdata] = decodeCursor(scope, cursor, ['number', 'long-rdata']) as
      [number, CursorValue]

    return [firstSeen, this.#longRdata.ofName(rdata, nameKey(zone), RRTYPE_CODES.SOA)]
  }
}

function soaRecord (zone: string, row: SoaRow): SoaRecord {
  const fields = parseSoaRdata(row.rdata)
  // The feed parser writes every SOA in that form; anything else is a fault in the store.
  if (fields === undefined) throw new Error(`stored SOA rdata of ${zone} is malformed`)

  return { zone, ...fields, rdata: row.rdata, first_seen: row.first_seen,
    last_seen: row.last_seen, count: row.count }
}
