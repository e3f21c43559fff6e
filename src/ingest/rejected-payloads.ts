/**
 * Reads set-aside messages back with their whole payload, page by page in id order, for
 * reingest. Rows whose payload was not kept whole (too large, or set aside before whole
 * payloads were kept) come back with a null payload.
 */
import type { Database, Statement } from 'better-sqlite3'

export interface KeptPayload {
  id: number
  topic: string
  payload: Buffer | null
}

export interface PayloadFilter {
  topic?: string
  code?: string
}

export class RejectedPayloads {
  readonly #selectPage: Statement

  constructor (db: Database) {
    this.#selectPage = db.prepare(`
      SELECT id, topic, payload
      FROM rejected_messages
      WHERE id > ?
        AND (? IS NULL OR topic = ?)
        AND (? IS NULL OR code = ?)
      ORDER BY id
      LIMIT ?
    `)
  }

  page (afterId: number, filter: PayloadFilter, limit: number): KeptPayload[] {
    const topic = filter.topic ?? null
    const code = filter.code ?? null

    return this.#selectPage.all(afterId, topic, topic, code, code, limit) as KeptPayload[]
  }
}
