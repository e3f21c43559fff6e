/**
 * The record type of a DNSDB lookup. DNSDB answers the types it has and refuses others with
 * an error; dnsledger has seven (the feed carries no other), so any other type, however well
 * formed (PTR, DS, ANY-DNSSEC), is refused with the list rather than answered with nothing,
 * which would read as "never seen". ANY is every type; RFC 3597's TYPEnnn names a stored type
 * by its number (TYPE1 is A).
 */
import { DnsledgerError } from '../../errors.js'
import { RRTYPE_CODES, type RRType } from '../../feeds/observation.js'
import { strayComma } from '../request-params.js'
import { clipText } from '../shown-value.js'

const STORED = Object.keys(RRTYPE_CODES) as RRType[]

const SUPPORTED = `${STORED.join(', ')} or ANY`

function storedType (type: string): RRType | undefined {
  if (type in RRTYPE_CODES) return type as RRType
  const generic = /^TYPE(\d{1,5})$/.exec(type)?.[1]

  return STORED.find((stored) => String(RRTYPE_CODES[stored]) === generic?.replace(/^0+/, ''))
}

function refuse (type: string, field: string): never {
  const shown = JSON.stringify(clipText(type, 40))
  const what = /^[A-Z][A-Z0-9-]{0,19}$|^TYPE\d{1,5}$/.test(type)
    ? 'is not a record type dnsledger stores'
    : 'is not a record type'

  throw new DnsledgerError('INVALID_RRTYPE', `${field} ${shown} ${what}: send ${SUPPORTED}`)
}

/**
 * undefined: every type (ANY, or no type given); otherwise the stored types asked for.
 * `field` is what a refusal calls the value: DNSDB's path segment, CIRCL's header.
 */
export function parseRrtypeChoice (raw: string | undefined,
  field = 'rrtype'): RRType[] | undefined {
  if (raw === undefined) return undefined
  const types = raw.split(',').map((type) => type.trim().toUpperCase())
  if (types.includes('ANY')) return undefined
  const items = types.filter((type) => type !== '')
  const stored = (items.length === 0 ? [''] : items).map((type) => storedType(type) ??
    refuse(type, field))
  // The types as sent (TYPE1 stays TYPE1), so that the list suggested is the one sent.
  if (items.length < types.length) throw strayComma(field, raw, items.join(','))

  return stored
}
