/**
 * dnsledger records as DNSDB result objects (DNSDB API v2, "Result format").
 *
 * Aggregation: dnsledger keeps one row per distinct (rrname, rrtype, rdata), because the feed
 * reports single records, never whole RRsets; which rdata were served together is not known.
 * So each row is one DNSDB object whose `rdata` array has one element, with that row's own
 * first and last sighting and count. Grouping rows of equal time windows into one RRset would
 * invent sets the feed never showed, and would make limit, offset and counts inexact.
 *
 * Bailiwick: the feed carries none, so objects have no `bailiwick` field (the field is
 * optional in DNSDB's format, and dnsdbq prints nothing for it).
 *
 * Times: the feed is observed traffic, not zone files, so times are `time_first` and
 * `time_last`, never `zone_time_*`.
 */
import type { ObservationRecord } from '../../store/observation-queries.js'
import { isoTime } from '../page-reply.js'

export interface Summary {
  count: number
  num_results: number
  time_first: number
  time_last: number
}

function time (seconds: number, humantime: boolean): number | string {
  return humantime ? isoTime(seconds) : seconds
}

export function lookupObject (record: ObservationRecord, humantime: boolean) {
  return {
    count: record.count,
    time_first: time(record.first_seen, humantime),
    time_last: time(record.last_seen, humantime),
    rrname: record.rrname,
    rrtype: record.rrtype,
    rdata: [record.rdata]
  }
}

export function summaryObject (summary: Summary, humantime: boolean) {
  return {
    count: summary.count,
    num_results: summary.num_results,
    time_first: time(summary.time_first, humantime),
    time_last: time(summary.time_last, humantime)
  }
}
