/**
 * Each native record lookup as a function of its parsed subject: the single lookups
 * (lookup-routes.ts) and the bulk lookup (bulk-lookup-routes.ts) answer through these, so an
 * indicator in a batch gets exactly the page its GET endpoint gives.
 */
import type { LookupOptions, ObservationRecord, Page } from '../store/observation-queries.js'
import { unknownCursor } from '../store/cursor.js'
import { mxRange } from '../store/rdata-codec.js'
import type { Store } from '../store/store.js'
import type { IpRange } from './ip-range.js'
import type { NamePattern } from './request-params.js'

type TargetRRType = 'NS' | 'CNAME' | 'MX'

const EMPTY_PAGE: Page<ObservationRecord> = { records: [] }

/** Everything observed for a name, or for a name and everything under it. */
export function namePage (store: Store, pattern: NamePattern, lookup: LookupOptions) {
  return store.observations.byName(pattern.name, { ...lookup, subdomains: pattern.subdomains })
}

/** Every name that resolved to an address or into a network. */
export function ipRangePage (store: Store, range: IpRange, lookup: LookupOptions) {
  return store.observations.byRdata(range.rrtype, range.low, range.high, lookup)
}

/**
 * Every owner whose NS, CNAME or MX points at a name, or (`*.name`) at it or any name under it.
 * These store the target as a name id; a name never stored is pointed at by nothing, and so was
 * never given a cursor: one sent with it is refused as any unknown cursor is, not answered with
 * an empty page.
 */
export function targetPage (store: Store, rrtype: TargetRRType, pattern: NamePattern,
  lookup: LookupOptions): Page<ObservationRecord> {
  const { name, subdomains } = pattern
  if (subdomains !== undefined) return store.wildcards.byTargetSubtree(rrtype, name, lookup)
  const id = store.nameIdOf(name)
  if (id === undefined && lookup.cursor !== undefined) throw unknownCursor()
  if (id === undefined) return EMPTY_PAGE
  const [low, high] = rrtype === 'MX' ? mxRange(id) : [BigInt(id), BigInt(id)]

  return store.observations.byRdata(rrtype, low, high, lookup)
}
