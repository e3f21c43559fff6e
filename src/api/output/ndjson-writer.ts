/**
 * NDJSON: one record a line, LF-terminated, with the fields of the record schema in its order
 * (as the JSON page has them). A cut list ends with a line holding `truncated` and
 * `next_cursor` (records never have either); a failure with a line holding `error`.
 */
import type { FlatRecord } from './human-time.js'
import type { ListWriter } from './list-writer.js'

function line (value: object): string {
  return `${JSON.stringify(value)}\n`
}

export function ndjsonWriter (columns: readonly string[]): ListWriter {
  const fields = (record: FlatRecord) =>
    Object.fromEntries(columns.map((column) => [column, record[column]]))

  return {
    head: '',
    records: (records) => records.map((record) => line(fields(record))).join(''),
    truncated: (nextCursor, limit) => line({ truncated: true, next_cursor: nextCursor, limit }),
    failed: (problem) => line({ error: problem })
  }
}
