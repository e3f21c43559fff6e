/**
 * Finds again the stored rdata that a cursor holds in part (cursor.ts says why long texts are
 * held as a head and a digest): among one owner's rows of one type, walked in primary key
 * order from the head on, the row that starts with the head and whose digest matches. Rows
 * that start with a text are one run of that order, so the walk stops at the first row past
 * the head.
 */
import type { Database, Statement } from 'better-sqlite3'
import { isHeldText, textDigest, unknownCursor, type CursorValue } from './cursor.js'

/** One owner's rows of one type from a text on: a seek into the primary key, no sort. */
export const ROWS_FROM_HEAD = `
  SELECT rdata
  FROM observations
  WHERE rrname_id = ? AND rrtype = ? AND rdata >= ?
  ORDER BY rdata`

export class LongRdata {
  readonly #ownerId: Statement
  readonly #fromHead: Statement

  constructor (db: Database) {
    this.#ownerId = db.prepare('SELECT id FROM names WHERE name = ?').pluck()
    this.#fromHead = db.prepare(ROWS_FROM_HEAD).pluck()
  }

  /** A cursor value as it is, or the stored text of an owner (its name key) it stands for. */
  ofName (value: CursorValue, ownerKey: string, rrtype: number): CursorValue {
    if (!isHeldText(value)) return value
    const ownerId = this.#ownerId.get(ownerKey) as number | undefined
    if (ownerId === undefined) throw unknownCursor()

    return this.ofId(value, ownerId, rrtype)
  }

  /** A cursor value as it is, or the stored text of an owner (its id) it stands for. */
  ofId (value: CursorValue, ownerId: number, rrtype: number): CursorValue {
    if (!isHeldText(value)) return value
    for (const rdata of this.#fromHead.iterate(ownerId, rrtype, value.head)) {
      if (typeof rdata !== 'string' || !rdata.startsWith(value.head)) break
      if (textDigest(rdata) === value.digest) return rdata
    }

    // Stored rows are never deleted: a digest found nowhere was not made here.
    throw unknownCursor()
  }
}
