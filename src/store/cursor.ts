/**
 * Opaque page cursors: the sort key of the last record of a page, so the next page starts
 * strictly after it (keyset paging never skips or repeats a record, whatever is written in
 * between). Blobs are tagged so that they survive the trip through JSON.
 */
import { DnsledgerError } from '../errors.js'

export type CursorValue = number | string | Buffer

type Tagged = number | string | { b: string }

function tag (value: CursorValue): Tagged {
  return Buffer.isBuffer(value) ? { b: value.toString('hex') } : value
}

function untag (value: unknown): CursorValue {
  if (typeof value === 'number' || typeof value === 'string') return value
  if (typeof value === 'object' && value !== null && typeof (value as { b: unknown }).b === 'string') {
    return Buffer.from((value as { b: string }).b, 'hex')
  }
  throw new Error('bad cursor value')
}

export function encodeCursor (kind: string, values: CursorValue[]): string {
  return Buffer.from(JSON.stringify([kind, ...values.map(tag)])).toString('base64url')
}

export function decodeCursor (kind: string, cursor: string, length: number): CursorValue[] {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (!Array.isArray(decoded) || decoded[0] !== kind || decoded.length !== length + 1) {
      throw new Error('cursor of another query')
    }

    return decoded.slice(1).map(untag)
  } catch {
    throw new DnsledgerError('INVALID_CURSOR', 'cursor is not one this query returned: send the ' +
      'next_cursor value of the previous page unchanged, with the same path and filters')
  }
}
