/**
 * Turns path and query values into what the store takes, or a 400 that says what to send.
 * Names and addresses go through the same normalization as the feed, so a lookup written the
 * way the feed wrote it (any case, trailing dot, Unicode) finds what the feed stored.
 */
import { DnsledgerError } from '../errors.js'
import { normalizeName } from '../feeds/dns-name.js'
import { RRTYPE_CODES, type RRType } from '../feeds/observation.js'
import type { TimeFences } from '../store/observation-queries.js'
import { isoTime } from './output/iso-time.js'
import { clipText } from './shown-value.js'

export interface NamePattern {
  name: string
  /** `*.example.com`: the name and everything under it. */
  subdomains?: 'include'
}

/**
 * One rule for every route that takes a name pattern: a name, or `*.` and a suffix for the
 * suffix and every name under it. `*` is then the whole leftmost label, once (`*.*.example.com`
 * adds nothing `*.example.com` lacks, and reads as a mistake), and the suffix is not the root:
 * a bare `*`, `*.` or `*.%2E` would be every name there is, which no lookup needs.
 * `param`: the query parameter the name came in, for the refusal to name (paths need none).
 */
export function parseNamePattern (raw: string, param?: string): NamePattern {
  const where = param === undefined ? '' : `${param}: `
  if (raw !== '*' && !raw.startsWith('*.')) {
    const leading = raw.endsWith('.*') ? wildcardFree(raw.slice(0, -2)) : undefined
    if (leading !== undefined) throw rightHandWildcard(raw, leading, where, param === undefined)
    return { name: parseName(raw, param) }
  }
  const suffix = raw.slice(2)
  if (suffix.startsWith('*')) {
    const single = wildcardFree(suffix.replace(/^(\*\.)+/, ''))
    const fix = single === undefined ? 'one *. and a suffix, e.g. *.example.com' : `*.${single}`
    throw new DnsledgerError('INVALID_NAME', `${where}"${clipText(raw)}" has more than one *: * ` +
      'is only the whole leftmost label, once, and *.example.com already takes every name ' +
      `under example.com: send ${fix}`)
  }
  const name = suffix === '' ? '.' : parsePatternName(raw, suffix, '*.example.com', param)
  if (name === '.') {
    throw new DnsledgerError('INVALID_NAME', `${where}"${clipText(raw)}" names no suffix, so it ` +
      'would take every name there is: send *. and a suffix, e.g. *.example.com or *.com')
  }

  return { name, subdomains: 'include' }
}

/**
 * `www.example.*`: /v1 has no right-hand wildcard. DNSDB's API has one, for owner names; a
 * path lookup is pointed there, a filter parameter (which DNSDB has no match for) is not.
 */
function rightHandWildcard (raw: string, leading: string, where: string,
  toDnsdb: boolean): DnsledgerError {
  const dnsdb = toDnsdb
    ? `; DNSDB's API takes it: /dnsdb/v2/lookup/rrset/name/${leading}.* for owner names, ` +
      `/dnsdb/v2/lookup/rdata/name/${leading}.* for names in NS, CNAME and MX records`
    : ''

  return new DnsledgerError('INVALID_NAME', `${where}"${clipText(raw)}" is a right-hand ` +
    'wildcard, which /v1 does not take: send a name, or *. and a suffix for the suffix and ' +
    `every name under it (*.example.com)${dnsdb}`)
}

/**
 * `text` when it is a name below the root with no `*` in it, clipped for a message: what a
 * refusal can suggest in place of a pattern with a wildcard too many. Undefined otherwise.
 */
export function wildcardFree (text: string): string | undefined {
  const result = normalizeName(text)
  const usable = result.ok && result.name !== '.' && !text.includes('*')

  return usable ? clipText(text) : undefined
}

/** A pattern as the answer's `query` shows it: the canonical name, `*.` in front of a suffix. */
export function shownPattern (pattern: NamePattern): string {
  return pattern.subdomains === undefined ? pattern.name : `*.${pattern.name}`
}

export function parseName (raw: string, param?: string): string {
  const result = normalizeName(raw)
  if (!result.ok) {
    const where = param === undefined ? '' : `${param}: `
    throw new DnsledgerError('INVALID_NAME', `${where}${result.reason}: send a domain name such ` +
      'as example.com (any case, trailing dot optional; the root zone is %2E)')
  }

  return result.name
}

/**
 * The name inside a pattern (`example.com` of `*.example.com`). A refusal quotes the pattern as
 * it was sent, then what is wrong with the name in it; `example` is a pattern of the same form.
 */
export function parsePatternName (pattern: string, name: string, example: string,
  param?: string): string {
  const result = normalizeName(name)
  if (!result.ok) {
    const where = param === undefined ? '' : `${param}: `
    throw new DnsledgerError('INVALID_NAME', `${where}"${clipText(pattern)}": ${result.reason}: ` +
      `send a pattern such as ${example}`)
  }

  return result.name
}

/**
 * A comma list with an empty item (`A,`, `A,,AAAA`): a stray comma, said so, with the list
 * without it. `written` writes that list as the client would send it where it sent this one.
 */
export function strayComma (field: string, raw: string, written: string): DnsledgerError {
  return new DnsledgerError('INVALID_RRTYPE', `${field} "${clipText(raw)}" has an empty item ` +
    `(a stray comma): send the list without it, ${written}`)
}

/**
 * Blank is not "every type": that is what leaving `type` out means. `written` writes a list of
 * types as the client would send it there: `type=A,MX` in a URL, `"type": ["A"]` in a body.
 */
export function parseRrtypes (raw: string | undefined,
  written = (types: string[]) => `type=${types.join(',')}`): RRType[] | undefined {
  if (raw === undefined) return undefined
  const known = Object.keys(RRTYPE_CODES).join(',')
  const types = raw.split(',').map((type) => type.trim().toUpperCase())
  const items = types.filter((type) => type !== '')
  if (items.length === 0) {
    throw new DnsledgerError('INVALID_RRTYPE', `type "${clipText(raw)}" names no record type: ` +
      `send one or more of ${known}, comma-separated, or leave type out for every type`)
  }
  for (const type of items) {
    if (!(type in RRTYPE_CODES)) {
      throw new DnsledgerError('INVALID_RRTYPE', `type "${type}" is not one dnsledger stores: ` +
        `send one or more of ${known}, comma-separated`)
    }
  }
  if (items.length < types.length) throw strayComma('type', raw, written(items))

  return items as RRType[]
}

/** RFC 3339 (5.6) allows a lower-case t and z. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i

/** Date.parse rolls 2023-02-30 over into March; a date that does not exist is an error. */
function isCalendarDate (text: string): boolean {
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number]
  const date = new Date(Date.UTC(year, month - 1, day))

  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** `+02:00` sent unencoded in a URL: the query string decodes its + to a space. */
const PLUS_AS_SPACE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)? \d{2}:?\d{2}$/

/**
 * Where a time was sent: a refusal writes the time it quotes, and the fix it suggests, as the
 * client would write them there (`time_last_after=2023-01-01` in a URL, `"time_last_after":
 * "2023-01-01"` in a JSON body).
 */
export type TimePlace = 'query' | 'body'

/** A time as a client writes it in the place; a body has epoch seconds as a JSON number. */
function writtenTime (name: string, value: string, place: TimePlace): string {
  if (place === 'query') return `${name}=${value}`

  return `"${name}": ${/^-?\d+$/.test(value) ? value : JSON.stringify(value)}`
}

function plusAsSpace (name: string, raw: string, place: TimePlace): DnsledgerError {
  if (place === 'body') {
    const signed = raw.replace(/ (\d{2}:?\d{2})$/, '+$1')
    return new DnsledgerError('INVALID_TIME', `${writtenTime(name, raw, place)} has a space ` +
      'where the sign of its zone offset belongs: send the offset with its + or -, such as ' +
      `${writtenTime(name, signed, place)}, or the time in UTC with Z`)
  }
  const encoded = raw.replace(/ (\d{2}:?\d{2})$/, '%2B$1')

  return new DnsledgerError('INVALID_TIME', `${name}="${raw}" has a space where the + of its ` +
    'zone offset belongs (a + in a URL query means a space): send the + as %2B ' +
    `(${name}=${encoded}), or the time in UTC with Z`)
}

function noSuchDay (name: string, raw: string, place: TimePlace): DnsledgerError {
  const month = Number(raw.slice(5, 7))
  const existing = month >= 1 && month <= 12 ? `${raw.slice(0, 8)}01` : `${raw.slice(0, 4)}-01-01`
  const sent = place === 'query' ? `${name}="${raw}"` : writtenTime(name, raw, place)

  return new DnsledgerError('INVALID_TIME', `${sent} names a day that does not ` +
    `exist (${raw.slice(0, 10)}): send a date that does, such as ` +
    `${writtenTime(name, existing, place)}`)
}

function notATime (name: string, raw: string, place: TimePlace): DnsledgerError {
  if (place === 'query') {
    return new DnsledgerError('INVALID_TIME', `${name}="${raw}" is not a time: send epoch ` +
      'seconds (1467700000), seconds before now as a negative number (-86400), or ISO 8601 ' +
      '(2016-07-05 or 2016-07-05T12:00:00Z)')
  }
  const [epoch, relative, date, dateTime] = ['1467700000', '-86400', '2016-07-05',
    '2016-07-05T12:00:00Z'].map((value) => writtenTime(name, value, place))

  return new DnsledgerError('INVALID_TIME', `${writtenTime(name, raw, place)} is not a time: ` +
    `send epoch seconds (${epoch}), seconds before now as a negative number (${relative}), ` +
    `or ISO 8601 (${date} or ${dateTime})`)
}

/**
 * Which API reads a time: the native /v1 one refuses epoch seconds before 1973 (see
 * EARLIEST_EPOCH_SECONDS); the DNSDB and CIRCL dialects take any, as their clients send them.
 */
export type TimeDialect = 'native' | 'compatible'

/**
 * 100,000,000 seconds is 1973-03-03, before any passive DNS: a smaller epoch value is nearly
 * always a year or a date without dashes (2023, 20231004) read as seconds, which would widen
 * the window to the whole history without a word. 0, the start of time, stays allowed.
 */
const EARLIEST_EPOCH_SECONDS = 100_000_000

/** An ISO 8601 date to send instead: the year or the date that the digits look like. */
function meantDate (digits: string): string {
  if (/^(19|20)\d{2}$/.test(digits)) return `${digits}-01-01`
  const date = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6)}`
  if (/^(19|20)\d{6}$/.test(digits) && isCalendarDate(date)) return date

  return '2023-01-01'
}

/** Suggests epoch seconds only when they are themselves accepted (from 1973-03-03 on). */
function tooEarly (name: string, raw: string, seconds: number, place: TimePlace): DnsledgerError {
  const read = isoTime(seconds)
  const date = meantDate(raw)
  const epoch = Date.parse(`${date}T00:00:00Z`) / 1000
  const inSeconds = epoch >= EARLIEST_EPOCH_SECONDS
    ? `, or epoch seconds, such as ${writtenTime(name, String(epoch), place)}`
    : ` (epoch seconds from 1 to ${EARLIEST_EPOCH_SECONDS - 1} are refused here, so a time ` +
      `before ${isoTime(EARLIEST_EPOCH_SECONDS)} is written only as a date)`

  return new DnsledgerError('INVALID_TIME', `${writtenTime(name, raw, place)} was read as epoch ` +
    `seconds, ${read}, before any passive DNS: write a date in ISO 8601, such as ` +
    `${writtenTime(name, date, place)}${inSeconds}`)
}

/** Epoch seconds, negative seconds relative to now (as DNSDB takes), or ISO 8601. */
export function parseTime (name: string, raw: string, nowSeconds: number,
  dialect: TimeDialect = 'compatible', place: TimePlace = 'query'): number {
  // Not trimmed: " 5" is no more a time than it is an integer.
  const text = raw
  // A minus is "before now", whatever follows: -0 is now, not 1970.
  if (/^-?\d{1,12}$/.test(text)) {
    const value = Number(text)
    if (text.startsWith('-')) return nowSeconds + value
    if (dialect === 'native' && value > 0 && value < EARLIEST_EPOCH_SECONDS) {
      throw tooEarly(name, raw, value, place)
    }
    return value
  }
  if (ISO_DATE.test(text) && isCalendarDate(text)) {
    // A time with no zone is UTC, as every time dnsledger shows is.
    const upper = text.toUpperCase()
    const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(upper) || text.length === 10
    const withZone = zoned ? upper : `${upper}Z`
    const ms = Date.parse(withZone)
    if (!Number.isNaN(ms)) return Math.floor(ms / 1000)
  }
  const dated = ISO_DATE.test(text) || PLUS_AS_SPACE.test(text)
  // A fix must itself be sendable: the %2B form of a day that does not exist is refused too.
  if (dated && !isCalendarDate(text)) throw noSuchDay(name, raw, place)
  if (PLUS_AS_SPACE.test(text)) throw plusAsSpace(name, raw, place)
  throw notATime(name, raw, place)
}

/** A time parseTime reads as seconds before now. */
export function isRelativeTime (raw: string | undefined): boolean {
  return raw !== undefined && /^-\d{1,12}$/.test(raw)
}

/** Each time fence's query parameter (and bulk request field) and where the store takes it. */
export const FENCE_PARAMS = [
  ['time_first_after', 'firstSeenAfter'],
  ['time_first_before', 'firstSeenBefore'],
  ['time_last_after', 'lastSeenAfter'],
  ['time_last_before', 'lastSeenBefore']
] as const satisfies ReadonlyArray<readonly [string, keyof TimeFences]>

export type FenceQuery = { [param in typeof FENCE_PARAMS[number][0]]?: string }

export function hasRelativeFence (query: FenceQuery): boolean {
  return FENCE_PARAMS.some(([param]) => isRelativeTime(query[param]))
}

/**
 * The value of each read, in order. When several are refused, one error names them all, so
 * that a client who fixes the first is not then refused for the next.
 */
export function readEach<T> (reads: ReadonlyArray<() => T>): T[] {
  const refusals: DnsledgerError[] = []
  const values = reads.map((read) => {
    try {
      return read()
    } catch (err) {
      if (!(err instanceof DnsledgerError)) throw err
      refusals.push(err)
      return undefined
    }
  })
  const [first] = refusals
  if (first !== undefined && refusals.length === 1) throw first
  if (first !== undefined) {
    throw new DnsledgerError(first.code, refusals.map((refusal) => refusal.message).join('; '))
  }

  return values as T[]
}

export function parseFences (query: FenceQuery, nowSeconds: number,
  dialect: TimeDialect = 'compatible', place: TimePlace = 'query'): TimeFences | undefined {
  const values = readEach(FENCE_PARAMS.map(([param]) => () => {
    const raw = query[param]
    return raw === undefined ? undefined : parseTime(param, raw, nowSeconds, dialect, place)
  }))
  const fences: TimeFences = Object.fromEntries(FENCE_PARAMS.map(([, fence], i) =>
    [fence, values[i]]))

  checkWindow('time_first_after', fences.firstSeenAfter, 'time_first_before',
    fences.firstSeenBefore)
  checkWindow('time_last_after', fences.lastSeenAfter, 'time_last_before',
    fences.lastSeenBefore)

  return Object.values(fences).some((v) => v !== undefined) ? fences : undefined
}

/** A window that ends before it starts can match nothing: say so rather than answer empty. */
function checkWindow (afterName: string, after: number | undefined, beforeName: string,
  before: number | undefined): void {
  if (after === undefined || before === undefined || after < before) return
  throw new DnsledgerError('INVALID_TIME', `${afterName} (${after}) is not before ${beforeName} ` +
    `(${before}): send a window whose start comes first`)
}

/**
 * `sent` gives the limit as the client wrote it (`limit=0100`, `"limit": 4000`): a number the
 * schema coerced may print otherwise (digits past 2^53 come back as 1e+23), and the refusal
 * should quote what was sent. It is asked only for a refusal, so that a page request does not
 * parse its query string a second time.
 */
export function parseLimit (raw: number | undefined, defaultLimit: number, maxLimit: number,
  sent?: () => string | undefined): number {
  if (raw === undefined) return defaultLimit
  if (raw > maxLimit) {
    const shown = clipText(sent?.() ?? 'limit')
    throw new DnsledgerError('INVALID_REQUEST', `${shown} is over the maximum of ${maxLimit}: ` +
      `send a limit of at most ${maxLimit} and follow next_cursor for the rest`)
  }

  return raw
}
