/**
 * The record type of a DNSDB lookup. DNSDB answers any registered type, ANY, and ANY-DNSSEC
 * (DNSDB API v2, "rrtype"); dnsledger stores seven. A well-formed type that dnsledger does
 * not store is a lookup with no results, as DNSDB gives for a type never seen, rather than an
 * error; only text that cannot be a type is refused.
 */
import { DnsledgerError } from '../../errors.js'
import { RRTYPE_CODES, type RRType } from '../../feeds/observation.js'

/** A mnemonic (RFC 6895 3.1: letters, digits, `-`) or the generic TYPEnnn of RFC 3597 5. */
const TYPE_TEXT = /^(?:[A-Z][A-Z0-9-]{0,19}|TYPE\d{1,5})$/

function stored (type: string): RRType | undefined {
  return type in RRTYPE_CODES ? type as RRType : undefined
}

/** undefined: every type (ANY, or no type given); otherwise the stored types asked for. */
export function parseRrtypeChoice (raw: string | undefined): RRType[] | undefined {
  if (raw === undefined) return undefined
  const types = raw.split(',').map((type) => type.trim().toUpperCase())
  if (types.includes('ANY')) return undefined

  for (const type of types) {
    if (!TYPE_TEXT.test(type)) {
      throw new DnsledgerError('INVALID_RRTYPE', `"${type}" is not a record type: send a ` +
        'type such as A, AAAA, NS, MX, or ANY')
    }
  }

  return types.map(stored).filter((type): type is RRType => type !== undefined)
}
