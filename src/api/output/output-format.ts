/**
 * Which format a list is written in: `format=` when given (it wins), otherwise the Accept
 * header, otherwise JSON. Each media type takes the weight of the most specific range that
 * names it; the heaviest wins, then the most specific, then the one sent first, then the
 * order below. An Accept header that allows none of them is a 406 saying what to send.
 */
import { DnsledgerError } from '../../errors.js'
import { clipText } from '../shown-value.js'
import { parseAccept, specificity, type MediaRange } from './accept-header.js'

export type OutputFormat = 'json' | 'ndjson' | 'csv'

export interface OutputChoice {
  format: OutputFormat
  /** The media type the answer is labelled with: the NDJSON alias the client asked for. */
  mediaType: string
}

export const NDJSON_TYPE = 'application/x-ndjson'
export const CSV_TYPE = 'text/csv'

/** Other names of NDJSON: a client that asks for one gets its answer labelled so. */
export const NDJSON_ALIASES = ['application/ndjson', 'application/jsonl'] as const

/** In the order of preference when the client weighs several the same. */
const MEDIA_TYPES: Array<[string, OutputFormat]> = [
  ['application/json', 'json'],
  [NDJSON_TYPE, 'ndjson'],
  ...NDJSON_ALIASES.map((alias): [string, OutputFormat] => [alias, 'ndjson']),
  [CSV_TYPE, 'csv']
]

const DEFAULT_TYPE: Record<OutputFormat, string> = {
  json: 'application/json',
  ndjson: NDJSON_TYPE,
  csv: CSV_TYPE
}

interface Candidate {
  mediaType: string
  format: OutputFormat
  q: number
  specificity: number
  index: number
}

function candidate (ranges: MediaRange[], [mediaType, format]: [string, OutputFormat]) {
  let best: Candidate | undefined
  for (const range of ranges) {
    const closeness = specificity(range, mediaType)
    if (closeness < 0 || (best !== undefined && closeness <= best.specificity)) continue
    best = { mediaType, format, q: range.q, specificity: closeness, index: range.index }
  }

  return best
}

function better (a: Candidate, b: Candidate): boolean {
  if (a.q !== b.q) return a.q > b.q
  if (a.specificity !== b.specificity) return a.specificity > b.specificity

  return a.index < b.index
}

function notAcceptable (accept: string): DnsledgerError {
  const shown = clipText(accept, 200)

  return new DnsledgerError('NOT_ACCEPTABLE', `Accept: ${shown} allows none of the formats ` +
    `this list is written in: send Accept: application/json, ${NDJSON_TYPE} or ${CSV_TYPE} ` +
    '(or */*), or the parameter format=json, format=ndjson or format=csv')
}

export function chooseOutput (format: OutputFormat | undefined,
  accept: string | undefined): OutputChoice {
  if (format !== undefined) return { format, mediaType: DEFAULT_TYPE[format] }
  const ranges = parseAccept(accept ?? '')
  if (ranges.length === 0) return { format: 'json', mediaType: DEFAULT_TYPE.json }
  let best: Candidate | undefined
  for (const type of MEDIA_TYPES) {
    const found = candidate(ranges, type)
    if (found !== undefined && found.q > 0 && (best === undefined || better(found, best))) {
      best = found
    }
  }
  if (best === undefined) throw notAcceptable(accept ?? '')
  // Reached through a wildcard, an NDJSON answer carries the usual name of its type.
  const mediaType = best.specificity === 2 ? best.mediaType : DEFAULT_TYPE[best.format]

  return { format: best.format, mediaType }
}
