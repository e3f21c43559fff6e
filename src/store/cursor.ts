/**
 * Opaque page cursors: the sort key of the last record of a page, so the next page starts
 * strictly after it (keyset paging never skips or repeats a record, whatever is written in
 * between). A cursor is bound to the query that made it (its scope: the lookup and its
 * filters, as a short digest) and its values are type-checked, so one sent with another query,
 * or forged, is refused instead of silently answering something else. Blobs are tagged so that
 * they survive the trip through JSON.
 */
import { createHash } from 'node:crypto'
import { DnsledgerError } from '../errors.js'

export type CursorValue = number | string | Buffer

/** What each position of a cursor holds; `rdata` is any of the stored rdata types. */
export type CursorSlot = 'number' | 'string' | 'rdata'

type Tagged = number | string | { b: string }

function tag (value: CursorValue): Tagged {
  return Buffer.isBuffer(value) ? { b: value.toString('hex') } : value
}

function untag (value: unknown, slot: CursorSlot): CursorValue {
  if (typeof value === 'number' && Number.isSafeInteger(value) && slot !== 'string') return value
  if (typeof value === 'string' && slot !== 'number') return value
  const hex = (value as { b?: unknown } | null)?.b
  if (slot === 'rdata' && typeof hex === 'string' && /^([0-9a-f]{2}){1,16}$/.test(hex)) {
    return Buffer.from(hex, 'hex')
  }
  throw new Error('bad cursor value')
}

function digest (scope: string): string {
  return createHash('sha256').update(scope).digest('base64url').slice(0, 12)
}

export function encodeCursor (scope: string, values: CursorValue[]): string {
  return encodedJson([digest(scope), ...values.map(tag)])
}

export function unknownCursor (): DnsledgerError {
  return new DnsledgerError('INVALID_CURSOR', 'cursor is not one this query returned: send the ' +
    'next_cursor value of the previous page unchanged, with the same path and filters')
}

export function decodeCursor (scope: string, cursor: string, slots: CursorSlot[]): CursorValue[] {
  try {
    const decoded = decodedJson(cursor)
    if (!Array.isArray(decoded) || decoded.length !== slots.length + 1 ||
      decoded[0] !== digest(scope)) {
      throw new Error('cursor of another query')
    }

    return slots.map((slot, i) => untag(decoded[i + 1], slot))
  } catch {
    throw unknownCursor()
  }
}

/** The cursor's JSON, or undefined when it is not a cursor at all. */
function decodedJson (cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    return undefined
  }
}

function encodedJson (values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url')
}

/**
 * A list whose times are relative to now is read against the moment of its first page (see
 * api/paging-clock.ts): its cursors carry that moment after the sort key, as {"asked": N}.
 * Forging it gains nothing: the times it gives are checked against the cursor's scope.
 */
export function stampCursor (cursor: string, asked: number): string {
  const values = decodedJson(cursor) as unknown[]

  return encodedJson([...values, { asked }])
}

/** The moment a cursor carries, and the cursor without it; any other cursor as it is. */
export function readCursorStamp (cursor: string): { asked?: number, cursor: string } {
  const values = decodedJson(cursor)
  if (!Array.isArray(values)) return { cursor }
  const asked = (values.at(-1) as { asked?: unknown } | null)?.asked
  if (typeof asked !== 'number' || !Number.isSafeInteger(asked)) return { cursor }

  return { asked, cursor: encodedJson(values.slice(0, -1)) }
}
