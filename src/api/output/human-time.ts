/**
 * `humantime=true` for the streamed formats: every time is written once, as ISO 8601 UTC text,
 * where the record has it as epoch seconds. Records carry each time twice (`first_seen` and
 * `first_seen_iso`); here the epoch field takes the text and its `_iso` twin is left out, so
 * the fields and columns keep their names and order.
 */
export type FlatRecord = Record<string, unknown>

/** What a stream writes with human times: its columns, and a record shaped for them. */
export interface HumanTimePlan {
  columns: string[]
  record: (record: FlatRecord) => FlatRecord
}

const ISO_SUFFIX = '_iso'

function isTwin (column: string, columns: readonly string[]): boolean {
  return column.endsWith(ISO_SUFFIX) && columns.includes(column.slice(0, -ISO_SUFFIX.length))
}

/**
 * The `_iso` pairs are found once, from the stream's columns (every record of a list has
 * them all): a long stream would otherwise look for them again in each of its records.
 */
export function humanTimePlan (columns: readonly string[]): HumanTimePlan {
  const kept = columns.filter((column) => !isTwin(column, columns))
  const readers = kept.map((column) => {
    const twin = `${column}${ISO_SUFFIX}`
    const read = columns.includes(twin)
      ? (record: FlatRecord) => record[twin] ?? record[column]
      : (record: FlatRecord) => record[column]

    return [column, read] as const
  })

  return {
    columns: kept,
    record: (record) => {
      const human: FlatRecord = {}
      for (const [column, read] of readers) human[column] = read(record)

      return human
    }
  }
}
