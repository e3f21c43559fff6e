/**
 * What a streamed format writes: an opening (the CSV header row), the records of each page,
 * and a last piece that is clearly not a record when the list was cut or failed.
 */
import type { ProblemDocument } from '../problem-handler.js'
import type { FlatRecord } from './human-time.js'

export interface ListWriter {
  head: string
  records: (records: readonly FlatRecord[]) => string
  truncated: (nextCursor: string, limit: number) => string
  failed: (problem: ProblemDocument) => string
}
