/** The messages set aside by ingest, for a person to read and, once fixed, to re-ingest. */
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

interface Row extends Omit<RejectedMessageRecord, 'payload_head'> {
  payload_head: Buffer
}

export class RejectedQueries {
  readonly #selectPage: Statement
  readonly #countByTopicAndCode: Statement

  constructor (db: Database) {
    this.#selectPage = db.prepare(`
      SELECT id, topic, partition, offset, code, reason, payload_head, payload_bytes, rejected_at
      FROM rejected_messages
      WHERE id > ?
        AND (? IS NULL OR topic = ?)
        AND (? IS NULL OR code = ?)
      ORDER BY id
      LIMIT ?
    `)
    this.#countByTopicAndCode = db.prepare(`
      SELECT topic, code, count(*) AS count
      FROM rejected_messages
      GROUP BY topic, code
      ORDER BY topic, code
    `)
  }

  list (filter: { topic?: string, code?: string, limit: number, cursor?: string }) {
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

  counts (): RejectCount[] {
    return this.#countByTopicAndCode.all() as RejectCount[]
  }
}
