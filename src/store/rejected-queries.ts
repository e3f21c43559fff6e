/**
 * The messages set aside by ingest, for a person to read and, once fixed, to re-ingest. Both
 * read the same pages in id order: a person sees the head of each payload, reingest the whole
 * payload (null where it was not kept whole: too large, or set aside before whole payloads
 * were kept).
 */
import type { Database, Statement } from 'better-sqlite3'
import { decodeCursor, encodeCursor } from './cursor.js'
import type { Page } from './observation-queries.js'

export interface RejectedMessageRecord {
  id: number
  topic: string
  partition: number
  offset: string
  code: string
  reason: string
  payload_head: string
  payload_bytes: number
  rejected_at: number
}

export interface RejectCount {
  topic: string
  code: string
  count: number
}

export interface RejectedFilter {
  topic?: string
  code?: string
}

export interface KeptPayload {
  id: number
  topic: string
  payload: Buffer | null
}

interface Row extends Omit<RejectedMessageRecord, 'payload_head'> {
  payload_head: Buffer
}

export class RejectedQueries {
  readonly #selectPage: Statement
  readonly #selectPayloads: Statement
  readonly #countByTopicAndCode: Statement

  constructor (db: Database) {
    const pageOf = (columns: string) => db.prepare(`
      SELECT ${columns}
      FROM rejected_messages
      WHERE id > ?
        AND (? IS NULL OR topic = ?)
        AND (? IS NULL OR code = ?)
      ORDER BY id
      LIMIT ?
    `)
    this.#selectPage = pageOf(
      'id, topic, partition, offset, code, reason, payload_head, payload_bytes, rejected_at')
    this.#selectPayloads = pageOf('id, topic, payload')
    this.#countByTopicAndCode = db.prepare(`
      SELECT topic, code, count(*) AS count
      FROM rejected_messages
      GROUP BY topic, code
      ORDER BY topic, code
    `)
  }

  list (filter: RejectedFilter & { limit: number, cursor?: string }) {
    const topic = filter.topic ?? null
    const code = filter.code ?? null
    const scope = `rejected\u0000${topic}\u0000${code}`
    const afterId = filter.cursor === undefined
      ? 0
      : decodeCursor(scope, filter.cursor, ['number'])[0]
    const rows = this.#selectPage.all(afterId, topic, topic, code, code, filter.limit + 1) as Row[]
    const more = rows.length > filter.limit
    const shown = more ? rows.slice(0, filter.limit) : rows
    const page: Page<RejectedMessageRecord> = {
      records: shown.map((row) => ({
        ...row,
        // Shown as text where it is text; the raw bytes stay in the database.
        payload_head: row.payload_head.toString('utf8')
      }))
    }
    const last = shown[shown.length - 1]
    if (more && last !== undefined) page.nextCursor = encodeCursor(scope, [last.id])

    return page
  }

  /** Whole payloads after `afterId`, for reingest. */
  payloads (afterId: number, filter: RejectedFilter, limit: number): KeptPayload[] {
    const topic = filter.topic ?? null
    const code = filter.code ?? null

    return this.#selectPayloads.all(afterId, topic, topic, code, code, limit) as KeptPayload[]
  }

  counts (): RejectCount[] {
    return this.#countByTopicAndCode.all() as RejectCount[]
  }
}
