/**
 * The TXT search's parameters as the store takes them: exactly one of contains, prefix and
 * exact, with ignore_case for contains only, and an optional owner name or `*.` subtree.
 */
import { DnsledgerError } from '../errors.js'
import { formatTxtRdata } from '../feeds/txt-rdata.js'
import type { TxtMatch, TxtSearch } from '../store/txt-search-queries.js'
import { parseNamePattern } from './request-params.js'
import { clipText } from './shown-value.js'

interface TxtMatchQuery {
  contains?: string
  prefix?: string
  exact?: string
  ignore_case?: boolean
  name?: string
}

const MODES = ['contains', 'prefix', 'exact'] as const

export function parseTxtMatch (query: TxtMatchQuery): TxtMatch {
  const given = MODES.filter((mode) => query[mode] !== undefined)
  if (given.length !== 1) {
    const sent = given.length === 0 ? 'none of them' : given.map((mode) => `${mode}=`).join(' and ')
    throw new DnsledgerError('INVALID_REQUEST', 'send exactly one of contains= (a text anywhere ' +
      `in a record), prefix= (a text a record starts with) or exact= (a whole record): got ${sent}`)
  }
  const ignoreCase = query.ignore_case === true
  if (query.contains !== undefined) return { kind: 'contains', text: query.contains, ignoreCase }
  if (ignoreCase) {
    throw new DnsledgerError('INVALID_REQUEST', 'ignore_case works with contains= only: prefix= ' +
      'and exact= are index ranges, which are case-sensitive; send contains= instead')
  }
  if (query.prefix !== undefined) {
    return { kind: 'prefix', text: unquotedPrefix(query.prefix) }
  }

  return { kind: 'exact', rdata: exactRdata(query.exact ?? '') }
}

/** Each string in quotes, `\"` and `\\` escaped, one space between: rdata as shown. */
const PRESENTATION_FORM = /^"(?:[^"\\]|\\.)*"(?: "(?:[^"\\]|\\.)*")*$/

/** One string as plain text, or the rdata as the API shows it (quoted strings). */
function exactRdata (value: string): string {
  if (!value.startsWith('"')) return formatTxtRdata([value])
  if (PRESENTATION_FORM.test(value)) return value
  const quotes = value.replaceAll(/\\./g, '').split('"').length - 1
  const fault = quotes % 2 === 1
    ? 'opens a quote it does not close: close it'
    : 'is not quoted strings separated by one space'

  throw new DnsledgerError('INVALID_REQUEST', `exact=${clipText(value)} ${fault}; exact= that ` +
    'starts with " is a whole record as the API shows it ("v=spf1 -all", strings in quotes, ' +
    'one space between); or send the text of one string without quotes (exact=v=spf1 -all)')
}

/**
 * prefix= is the start of one string, without the quotes the API shows around it: a leading
 * quote is a record copied with them, which would find nothing. (contains= takes a quote as
 * text: `contains="hello"` finds the string `say "hello"`.)
 */
function unquotedPrefix (text: string): string {
  if (!text.startsWith('"')) return text
  const bare = text.replace(/^"/, '').replace(/"$/, '')

  throw new DnsledgerError('INVALID_REQUEST', `prefix=${clipText(text)} starts with a quote: ` +
    'prefix= is the start of one string of a record, without the quotes the API shows around ' +
    `strings; send prefix=${clipText(bare)}, or contains= to find a quote in a string`)
}

export function parseTxtOwner (raw: string | undefined): TxtSearch['owner'] {
  if (raw === undefined) return undefined
  const pattern = parseNamePattern(raw, 'name')

  return { name: pattern.name, subtree: pattern.subdomains === 'include' }
}

/** The search as understood, for the page's `query`. */
export function shownMatch (match: TxtMatch): Record<string, unknown> {
  if (match.kind === 'contains') return { contains: match.text, ignore_case: match.ignoreCase }

  return match.kind === 'prefix' ? { prefix: match.text } : { exact: match.rdata }
}
