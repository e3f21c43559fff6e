/**
 * A record in the Passive DNS Common Output Format (draft-dulaunoy-dnsop-passive-dns-cof-10,
 * 2.2 "Mandatory fields": rrname, rrtype, rdata, time_first, time_last, the times as integer
 * epoch seconds; 2.3 "Optional fields": count). One JSON object a line. Names keep
 * dnsledger's canonical trailing dot, as DNSDB writes them.
 */
import type { ObservationRecord } from '../../store/observation-queries.js'

function cofRecord (record: ObservationRecord) {
  return {
    rrname: record.rrname,
    rrtype: record.rrtype,
    rdata: record.rdata,
    time_first: record.first_seen,
    time_last: record.last_seen,
    count: record.count
  }
}

export function cofBody (records: readonly ObservationRecord[]): string {
  return records.map((record) => `${JSON.stringify(cofRecord(record))}\n`).join('')
}
