/**
 * Answers the indicators of a bulk lookup, one result each in the order sent. An indicator that
 * cannot be read gets the problem its GET endpoint would answer, and the batch goes on; the same
 * indicator sent twice (same kind and canonical form) is looked up once.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import { isDnsledgerError } from '../../errors.js'
import type { LookupOptions } from '../../store/observation-queries.js'
import type { Store } from '../../store/store.js'
import { problemBody } from '../problem-handler.js'
import { recordView } from '../routes/lookup-routes.js'
import { FENCE_PARAMS } from '../request-params.js'
import { indicatorOf, subjectOf, type IndicatorInput, type Subject } from './bulk-indicator.js'

interface Found {
  records: Array<ReturnType<typeof recordView>>
  truncated: boolean
  next_cursor: string | null
  next: string | null
}

interface BulkAnswer {
  /** Each result as JSON, in the order sent. */
  results: string[]
  truncated: boolean
}

/**
 * The store is synchronous (better-sqlite3): a batch answered in one go would hold the event
 * loop, and with it every other request and the feed consumer, for all of its lookups and for
 * serializing up to API_BULK_MAX_INDICATORS x API_BULK_MAX_LIMIT records. So a batch is
 * answered in slices of at most SLICE_INDICATORS indicators or SLICE_RECORDS records, each
 * result serialized within its slice, with a turn of the event loop after each slice: anything
 * else waits for one slice at most, about as long as a few dozen single lookups. Slices are
 * counted rather than timed so that they are the same on every machine and in tests. A client
 * that has gone (a playbook that timed out) stops the batch at the next slice.
 */
export const SLICE_INDICATORS = 25
const SLICE_RECORDS = 2_500

export async function answerBatch (store: Store, inputs: IndicatorInput[],
  lookup: LookupOptions, wanted: () => boolean): Promise<BulkAnswer> {
  const found = new Map<string, Found>()
  const answer: BulkAnswer = { results: [], truncated: false }
  let sliceIndicators = 0
  let sliceRecords = 0
  for (const input of inputs) {
    const result = answerOne(store, input, lookup, found)
    answer.truncated ||= result.truncated
    answer.results.push(JSON.stringify(result))
    sliceIndicators += 1
    sliceRecords += result.records.length
    if (sliceIndicators >= SLICE_INDICATORS || sliceRecords >= SLICE_RECORDS) {
      await nextTurn()
      if (!wanted()) break
      sliceIndicators = 0
      sliceRecords = 0
    }
  }

  return answer
}

function answerOne (store: Store, input: IndicatorInput, lookup: LookupOptions,
  found: Map<string, Found>) {
  const indicator = indicatorOf(input)
  let subject: Subject
  try {
    subject = subjectOf(store, indicator)
  } catch (err) {
    if (!isDnsledgerError(err) || err.statusCode >= 500) throw err
    const none: Found = { records: [], truncated: false, next_cursor: null, next: null }

    return { indicator: indicator.value, kind: indicator.kind, canonical: null, ...none,
      error: problemBody(err.code, err.message) }
  }
  const key = `${subject.kind}\u0000${subject.canonical}`
  const answer = found.get(key) ?? lookUp(subject, lookup)
  found.set(key, answer)

  return { indicator: indicator.value, kind: subject.kind, canonical: subject.canonical, ...answer }
}

function lookUp (subject: Subject, lookup: LookupOptions): Found {
  const page = subject.page(lookup)
  const cursor = page.nextCursor ?? null

  return {
    records: page.records.map(recordView),
    truncated: cursor !== null,
    next_cursor: cursor,
    next: cursor === null ? null : nextRequest(subject, lookup, cursor)
  }
}

/**
 * The GET request for the rest: relative fences are written as the epoch seconds they meant
 * here, since a cursor holds only for the query that made it, and `-86400` means another
 * window a moment later.
 */
function nextRequest (subject: Subject, lookup: LookupOptions, cursor: string): string {
  const params = new URLSearchParams()
  if (subject.kind === 'domain' && lookup.rrtypes !== undefined) {
    params.set('type', lookup.rrtypes.join(','))
  }
  for (const [param, fence] of FENCE_PARAMS) {
    const value = lookup.fences?.[fence]
    if (value !== undefined) params.set(param, String(value))
  }
  params.set('limit', String(lookup.limit))
  params.set('cursor', cursor)

  // Commas need no escaping in a query string, and `type=A,AAAA` reads as it is written.
  return `${subject.path}?${params.toString().replaceAll('%2C', ',')}`
}
