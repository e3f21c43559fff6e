/**
 * One indicator of a bulk lookup: what kind it is (as given, or read from its shape), what it
 * means in canonical form, how it is looked up, and which GET endpoint continues it. Each kind
 * is parsed and looked up by the same functions as its single lookup, so it fails with the
 * same problem and answers the same page.
 */
import type { INDICATOR_KINDS } from '../../../schemas/bulk-lookup.js'
import type { LookupOptions, ObservationRecord, Page } from '../../store/observation-queries.js'
import type { Store } from '../../store/store.js'
import { isAddressShaped, parseIpRange } from '../ip-range.js'
import { ipRangePage, namePage, targetPage } from '../record-lookups.js'
import { parseNamePattern, shownPattern } from '../request-params.js'

type IndicatorKind = typeof INDICATOR_KINDS[number]

export type IndicatorInput = string | { value: string, as?: IndicatorKind }

interface Indicator {
  /** As sent. */
  value: string
  kind: IndicatorKind
}

export interface Subject extends Indicator {
  canonical: string
  /** The path of the GET endpoint that answers this subject, for continuing it by cursor. */
  path: string
  page: (lookup: LookupOptions) => Page<ObservationRecord>
}

const TARGET_RRTYPES = { nameserver: 'NS', mx: 'MX', cname: 'CNAME' } as const

const ENDPOINTS: Record<IndicatorKind, string> = {
  domain: '/v1/domains/',
  ip: '/v1/ips/',
  nameserver: '/v1/nameservers/',
  mx: '/v1/mx/',
  cname: '/v1/cnames/'
}

/**
 * An address-shaped string is an address or a network, so a mistyped address is an error
 * rather than a name that is never found; anything else is a domain name.
 */
export function indicatorOf (input: IndicatorInput): Indicator {
  const value = typeof input === 'string' ? input : input.value
  const given = typeof input === 'string' ? undefined : input.as

  return { value, kind: given ?? (isAddressShaped(value) ? 'ip' : 'domain') }
}

/** Throws the error that the GET endpoint of the kind answers for the same text. */
export function subjectOf (store: Store, indicator: Indicator): Subject {
  const { kind, value } = indicator
  if (kind === 'domain') {
    const pattern = parseNamePattern(value)
    const canonical = shownPattern(pattern)
    const page = (lookup: LookupOptions) => namePage(store, pattern, lookup)

    return { ...indicator, canonical, path: ENDPOINTS.domain + nameSegment(canonical), page }
  }
  if (kind === 'ip') {
    const range = parseIpRange(value)
    const page = (lookup: LookupOptions) =>
      ipRangePage(store, range, { ...lookup, rrtypes: [range.rrtype] })

    return { ...indicator, canonical: range.text, path: ENDPOINTS.ip + range.text, page }
  }
  const rrtype = TARGET_RRTYPES[kind]
  const pattern = parseNamePattern(value)
  const canonical = shownPattern(pattern)
  const page = (lookup: LookupOptions) =>
    targetPage(store, rrtype, pattern, { ...lookup, rrtypes: [rrtype] })

  return { ...indicator, canonical, path: ENDPOINTS[kind] + nameSegment(canonical), page }
}

/** The root is `%2E` in a path: clients fold a bare `.` segment away. */
function nameSegment (name: string): string {
  return name === '.' ? '%2E' : encodeURIComponent(name)
}
