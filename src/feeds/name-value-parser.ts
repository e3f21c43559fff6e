import { normalizeName } from './dns-name.js'
import type { FeedParser, RRType } from './observation.js'
import type { PipeLayout } from './pipe-fields.js'
import { readPipeRecord } from './pipe-record.js'
import { observed } from './single-observation.js'

/**
 * A parser for `timestamp|name|name` topics (CNAME, NS), whose rdata is one canonical name.
 * The reasons name the value by its layout field, e.g. `cname "a..b" has an empty label`.
 */
export function nameValueParser (layout: PipeLayout, rrtype: RRType): FeedParser {
  const valueField = layout[layout.length - 1]

  return (payload, nowSeconds) => {
    const record = readPipeRecord(payload, nowSeconds, layout)
    if (!record.ok) return record

    const target = normalizeName(record.value, valueField)
    return target.ok ? observed(record, rrtype, target.name) : target
  }
}
