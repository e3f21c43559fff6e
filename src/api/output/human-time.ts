/**
 * `humantime=true` for the streamed formats: every time is written once, as ISO 8601 UTC text,
 * where the record has it as epoch seconds. Records carry each time twice (`first_seen` and
 * `first_seen_iso`); here the epoch field takes the text and its `_iso` twin is left out, so
 * the fields and columns keep their names and order.
 */
export type FlatRecord = Record<string, unknown>

const ISO_SUFFIX = '_iso'

function isTwin (key: string, has: (key: string) => boolean): boolean {
  return key.endsWith(ISO_SUFFIX) && has(key.slice(0, -ISO_SUFFIX.length))
}

export function humanColumns (columns: readonly string[]): string[] {
  return columns.filter((column) => !isTwin(column, (key) => columns.includes(key)))
}

export function humanRecord (record: FlatRecord): FlatRecord {
  const human: FlatRecord = {}
  for (const [key, value] of Object.entries(record)) {
    if (isTwin(key, (other) => other in record)) continue
    human[key] = record[`${key}${ISO_SUFFIX}`] ?? value
  }

  return human
}
