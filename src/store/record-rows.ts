/**
 * What every observation lookup shares: the columns it reads, how a stored row becomes a
 * record, and its filters. Filters are bound, never spliced into the SQL, so a lookup has a
 * fixed set of statement shapes whatever a request asks for, and no request can grow a
 * statement cache.
 */
import { RRTYPE_CODES, type RRType } from '../feeds/observation.js'
import { nameFromKey } from './name-key.js'
import { MX_SPAN, decodeRdata, rrtypeOfCode } from './rdata-codec.js'

export interface TimeFences {
  firstSeenAfter?: number
  firstSeenBefore?: number
  lastSeenAfter?: number
  lastSeenBefore?: number
}

export interface ObservationRecord {
  rrname: string
  rrtype: RRType
  rdata: string
  first_seen: number
  last_seen: number
  count: number
}

export interface Row {
  rrname_key: string
  rrname_id: number
  rrtype: number
  rdata: number | string | Buffer
  first_seen: number
  last_seen: number
  count: number
  target_key: string | null
}

export const TARGET_JOIN = `
  LEFT JOIN names t ON t.id = (CASE o.rrtype
    WHEN ${RRTYPE_CODES.MX} THEN o.rdata / ${MX_SPAN}
    WHEN ${RRTYPE_CODES.NS} THEN o.rdata
    WHEN ${RRTYPE_CODES.CNAME} THEN o.rdata
  END)`

export const SELECT_COLUMNS = `
  SELECT
    n.name AS rrname_key,
    o.rrname_id,
    o.rrtype,
    o.rdata,
    o.first_seen,
    o.last_seen,
    o.count,
    t.name AS target_key`

/** Open fences: no stored time is below the one or above the other. */
const NO_TIME_BELOW = -1
const NO_TIME_ABOVE = Number.MAX_SAFE_INTEGER

/** Record types as a bit mask, and the four time fences. */
export const FILTERS = `
  ((? >> o.rrtype) & 1) = 1
  AND o.first_seen > ? AND o.first_seen < ?
  AND o.last_seen > ? AND o.last_seen < ?`

export function filterParams (rrtypes: RRType[] | undefined,
  fences: TimeFences | undefined): unknown[] {
  return [
    rrtypeMask(rrtypes),
    fences?.firstSeenAfter ?? NO_TIME_BELOW,
    fences?.firstSeenBefore ?? NO_TIME_ABOVE,
    fences?.lastSeenAfter ?? NO_TIME_BELOW,
    fences?.lastSeenBefore ?? NO_TIME_ABOVE
  ]
}

/** One bit per type code (all type codes are below 64); every bit set means every type. */
function rrtypeMask (rrtypes: RRType[] | undefined): bigint {
  if (rrtypes === undefined || rrtypes.length === 0) return -1n

  return rrtypes.reduce((mask, type) => mask | (1n << BigInt(RRTYPE_CODES[type])), 0n)
}

export function toRecord (row: Row): ObservationRecord {
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

