/**
 * Times relative to now (`time_last_after=-86400`; /v1/new-domains without since or until) are
 * read against one moment per list: the moment its first page was asked. The list's cursors
 * carry that moment, so every later page reads the same times, comes from the same window, and
 * matches its cursor (which is bound to the times as read), however long after the first page
 * it is asked for. Lists without a relative time keep cursors without it.
 *
 * The sent cursor is read once per request. A stream gives each page's cursor back to ask for
 * the next page: the clock keeps the store's form of the last cursor it handed out, so no later
 * page decodes one again. Each page's cursor is still stamped as it is made, since the stream
 * (output/list-stream.ts) may hand that very string to the client.
 */
import { readCursorStamp, stampCursor } from '../store/cursor.js'
import type { PageSource } from './output/list-stream.js'

export interface PagingClock {
  /** Epoch seconds that relative times are read against. */
  now: number
  /** The list's pages through cursors that carry `now` (when the list has a relative time). */
  pages: <T>(source: PageSource<T>) => PageSource<T>
}

/** A cursor as the client holds it (stamped or not), and as the store reads it. */
interface CursorPair {
  held: string
  store: string
}

/** `relative`: whether the request has a time relative to now. */
export function pagingClock (cursor: string | undefined, relative: boolean): PagingClock {
  const sent = cursor === undefined ? undefined : readCursorStamp(cursor)
  const now = sent?.asked ?? Math.floor(Date.now() / 1000)
  // The request's cursor, then the last one handed out: the only ones a stream gives back.
  let known: CursorPair | undefined = cursor === undefined || sent === undefined ? undefined
    : { held: cursor, store: sent.cursor }
  const storeCursor = (held: string) => held === known?.held ? known.store
    : readCursorStamp(held).cursor

  const pages = <T>(source: PageSource<T>): PageSource<T> => (window) => {
    const cursor = window.cursor === undefined ? undefined : storeCursor(window.cursor)
    const page = source({ ...window, cursor })
    if (page.nextCursor === undefined) return page
    const held = relative ? stampCursor(page.nextCursor, now) : page.nextCursor
    known = { held, store: page.nextCursor }

    return relative ? { ...page, nextCursor: held } : page
  }

  return { now, pages }
}
