/**
 * Runs a DNSDB lookup or summarize and frames the answer in SAF. One row more than the limit
 * is read, so that a cut answer ends with `limited` rather than `succeeded`.
 */
import type { ObservationRecord } from '../../store/observation-queries.js'
import type { WildcardQueries } from '../../store/wildcard-queries.js'
import { lookupObject, summaryObject } from './dnsdb-object.js'
import type { DnsdbParams, DnsdbVerb } from './dnsdb-params.js'
import { fetchTarget, type DnsdbTarget } from './dnsdb-target.js'
import { safBody, type SafEnd } from './saf-body.js'
import { summarize } from './summary.js'

const SUCCEEDED: SafEnd = { cond: 'succeeded' }

function limited (msg: string): SafEnd {
  return { cond: 'limited', msg }
}

/** The records were read with one more than the limit: that one says the limit cut them. */
function endOf (records: ObservationRecord[], params: DnsdbParams): SafEnd {
  return records.length > params.limit ? limited('Result limit reached') : SUCCEEDED
}

function lookupBody (records: ObservationRecord[], params: DnsdbParams): string {
  const shown = records.slice(0, params.limit)
  const objects = shown.map((record) => lookupObject(record, params.humantime))

  return safBody(objects, endOf(records, params))
}

function summarizeBody (records: ObservationRecord[], params: DnsdbParams): string {
  const { summary, stoppedAtMaxCount } = summarize(records.slice(0, params.limit), params.maxCount)
  const objects = summary === undefined ? [] : [summaryObject(summary, params.humantime)]
  if (stoppedAtMaxCount) return safBody(objects, limited('max_count reached'))

  return safBody(objects, endOf(records, params))
}

export function dnsdbAnswer (queries: WildcardQueries, verb: DnsdbVerb, target: DnsdbTarget,
  params: DnsdbParams): string {
  const window = { limit: params.limit + 1, offset: params.offset, fences: params.fences }
  const records = fetchTarget(queries, target, window)

  return verb === 'lookup' ? lookupBody(records, params) : summarizeBody(records, params)
}
