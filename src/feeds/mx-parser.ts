import { normalizeMxValue } from './mx-rdata.js'
import type { FeedParser } from './observation.js'
import { readPipeRecord } from './pipe-record.js'
import { observed } from './single-observation.js'

const LAYOUT = ['timestamp', 'domain', 'mx record']

/** spamhaus_pdns_mx: `timestamp|host/domain|mx record`. */
export const parseMx: FeedParser = (payload, nowSeconds) => {
  const record = readPipeRecord(payload, nowSeconds, LAYOUT)
  if (!record.ok) return record

  const mx = normalizeMxValue(record.value)
  return mx.ok ? observed(record, 'MX', mx.rdata) : mx
}
