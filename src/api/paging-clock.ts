/**
 * Times relative to now (`time_last_after=-86400`; /v1/new-domains without since or until) are
 * read against one moment per list: the moment its first page was asked. The list's cursors
 * carry that moment, so every later page reads the same times, comes from the same window, and
 * matches its cursor (which is bound to the times as read), however long after the first page
 * it is asked for. Lists without a relative time keep cursors without it.
 */
import { readCursorStamp, stampCursor } from '../store/cursor.js'
import type { PageSource } from './output/list-stream.js'

export interface PagingClock {
  /** Epoch seconds that relative times are read against. */
  now: number
  /** The list's pages through cursors that carry `now` (when the list has a relative time). */
  pages: <T>(source: PageSource<T>) => PageSource<T>
}

/** `relative`: whether the request has a time relative to now. */
export function pagingClock (cursor: string | undefined, relative: boolean): PagingClock {
  const asked = cursor === undefined ? undefined : readCursorStamp(cursor).asked
  const now = asked ?? Math.floor(Date.now() / 1000)
  const pages = <T>(source: PageSource<T>): PageSource<T> => (window) => {
    const cursor = window.cursor === undefined ? undefined : readCursorStamp(window.cursor).cursor
    const page = source({ ...window, cursor })
    if (!relative || page.nextCursor === undefined) return page

    return { ...page, nextCursor: stampCursor(page.nextCursor, now) }
  }

  return { now, pages }
}
