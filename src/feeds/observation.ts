/**
 * What every feed parser produces. Names are canonical everywhere in dnsledger: lower case,
 * ASCII (IDN labels as punycode), fully qualified with the trailing root dot
 * (`www.example.com.`), as DNS presentation format, DNSDB and the passive DNS Common Output
 * Format write them. The root name itself is `.` (the feed carries the root SOA and NS set).
 * Escaped dots in a label stay escaped (`first\.last.example.com.`); see dns-name.ts for the
 * exact form.
 */

export const RRTYPE_CODES = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  MX: 15,
  TXT: 16,
  AAAA: 28
} as const

export type RRType = keyof typeof RRTYPE_CODES

export interface Observation {
  rrname: string
  rrtype: RRType
  /**
   * Canonical presentation form: A dotted quad; AAAA RFC 5952; NS and CNAME a canonical name;
   * MX `host` or `preference host` (`10 mx.example.com.`); TXT each string quoted with `"` and
   * `\` escaped (control characters as `\DDD`), joined by one space; SOA `mname rname serial
   * refresh retry expire minimum`, mname and rname canonical names.
   */
  rdata: string
  timeSeen: number
}

/** A domain the vendor reports as seen for the first time (spamhaus_new_domains). */
export interface NewDomain {
  domain: string
  nameserver: string
  firstSeen: number
}

export interface ParsedMessage {
  ok: true
  observations: Observation[]
  newDomain?: NewDomain
}

export interface RejectedMessage {
  ok: false
  /** Stable machine-readable reason, e.g. `bad_timestamp`, counted per topic in metrics. */
  code: string
  /** What is wrong, for a person reading the set-aside list. */
  reason: string
}

export type ParseResult = ParsedMessage | RejectedMessage

/** The eight feed kinds; a topic name maps to one of these (after an optional prefix). */
export const FEED_KINDS = [
  'spamhaus_new_domains',
  'spamhaus_pdns_cname',
  'spamhaus_pdns_ipv4',
  'spamhaus_pdns_ipv6',
  'spamhaus_pdns_mx',
  'spamhaus_pdns_ns',
  'spamhaus_pdns_txt',
  'spamhaus_pdns_soa'
] as const

export type FeedKind = (typeof FEED_KINDS)[number]

export type FeedParser = (payload: Buffer, nowSeconds: number) => ParseResult
