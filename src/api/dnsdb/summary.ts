/**
 * The summarize verb: the total count, the number of results and the time span of what a
 * lookup would return. With max_count, it stops after the record that brings the total to
 * max_count, so the total may pass it by that record's count (DNSDB API v2, "max_count").
 */
import type { ObservationRecord } from '../../store/observation-queries.js'
import type { Summary } from './dnsdb-object.js'

interface SummaryResult {
  summary?: Summary
  stoppedAtMaxCount: boolean
}

function add (summary: Summary | undefined, record: ObservationRecord): Summary {
  if (summary === undefined) {
    return { count: record.count, num_results: 1, time_first: record.first_seen,
      time_last: record.last_seen }
  }

  return {
    count: summary.count + record.count,
    num_results: summary.num_results + 1,
    time_first: Math.min(summary.time_first, record.first_seen),
    time_last: Math.max(summary.time_last, record.last_seen)
  }
}

export function summarize (records: readonly ObservationRecord[],
  maxCount?: number): SummaryResult {
  let summary: Summary | undefined
  for (const record of records) {
    if (maxCount !== undefined && summary !== undefined && summary.count >= maxCount) {
      return { summary, stoppedAtMaxCount: true }
    }
    summary = add(summary, record)
  }

  return { summary, stoppedAtMaxCount: false }
}
