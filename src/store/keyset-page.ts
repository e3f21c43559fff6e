/**
 * What every keyset-paged lookup shares (see cursor.ts): a lookup fetches one row more than
 * the page holds, so that the page can say whether more follow, and the cursor is the sort key
 * of the page's last row, bound to the query that made it.
 */
import { encodeCursor, type CursorValue } from './cursor.js'

export interface Page<T> {
  records: T[]
  /** Present when there are more records after this page. */
  nextCursor?: string
}

/** The query a cursor belongs to: the lookup and everything that filters it. */
export function scopeOf (kind: string, bounds: unknown[], filters: unknown[]): string {
  const text = (value: unknown) => Buffer.isBuffer(value) ? value.toString('hex') : String(value)

  return [kind, ...bounds, ...filters].map(text).join('\u0000')
}

/** `rows` holds up to limit + 1 rows, in the lookup's sort order. */
export function keysetPage<R, T> (scope: string, rows: R[], limit: number,
  keyOf: (row: R) => CursorValue[], view: (row: R) => T): Page<T> {
  const more = rows.length > limit
  const shown = more ? rows.slice(0, limit) : rows
  const last = shown[shown.length - 1]
  const page: Page<T> = { records: shown.map(view) }
  if (more && last !== undefined) page.nextCursor = encodeCursor(scope, keyOf(last))

  return page
}
