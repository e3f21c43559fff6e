/**
 * Re-ingest after a fix: set-aside messages are parsed again by today's parsers, and those
 * that parse now are stored and removed from the set-aside list, in one transaction per page.
 * The rest stay as they were. Only a message kept whole can be parsed again; one larger than
 * the parser's limit, or set aside before whole payloads were kept, is counted as not kept.
 */
import { feedKindOfTopic, parsers } from '../feeds/index.js'
import type { IngestBatch } from '../store/batch-writer.js'
import type { KeptPayload, RejectedFilter } from '../store/rejected-queries.js'
import type { Store } from '../store/store.js'
import { emptyBatch } from './batch-builder.js'

export interface ReingestOptions extends RejectedFilter {
  topicPrefix?: string
  pageSize?: number
}

export interface ReingestResult {
  examined: number
  stored: number
  stillRejected: number
  notKept: number
}

export function reingestRejected (store: Store, options: ReingestOptions = {}): ReingestResult {
  const result: ReingestResult = { examined: 0, stored: 0, stillRejected: 0, notKept: 0 }
  let afterId = 0
  for (;;) {
    const rows = store.rejected.payloads(afterId, options, options.pageSize ?? 1_000)
    if (rows.length === 0) return result

    store.write(reparse(rows, options.topicPrefix ?? '', result))
    afterId = (rows[rows.length - 1] as KeptPayload).id
  }
}

function reparse (rows: KeptPayload[], prefix: string, result: ReingestResult): IngestBatch {
  const batch = { ...emptyBatch(), settledRejects: [] as number[] }
  const now = Math.floor(Date.now() / 1000)
  for (const row of rows) {
    result.examined++
    if (row.payload === null) {
      result.notKept++
      continue
    }
    const kind = feedKindOfTopic(row.topic, prefix)
    const parsed = kind === undefined ? undefined : parsers[kind](row.payload, now)
    if (parsed === undefined || !parsed.ok) {
      result.stillRejected++
      continue
    }
    batch.observations.push(...parsed.observations)
    if (parsed.newDomain !== undefined) batch.newDomains.push(parsed.newDomain)
    batch.settledRejects.push(row.id)
    result.stored++
  }

  return batch
}
