/**
 * What a CIRCL query names: an address (or a network written `address,prefix`), answered by
 * the records pointing at it, or a domain name, answered by the records it owns; as CIRCL's
 * and the D4 project's passive DNS servers do.
 */
import { DnsledgerError } from '../../errors.js'
import { CIRCL_ADDRESSES } from '../address-dialect.js'
import { isAddressShaped, parseIpRange, type IpRange } from '../ip-range.js'
import { parseName, wildcardFree } from '../request-params.js'
import { clipText } from '../shown-value.js'

export type CirclSubject =
  | { kind: 'name', name: string }
  | { kind: 'ip', range: IpRange }

export function parseCirclSubject (raw: string): CirclSubject {
  if (isAddressShaped(raw) && raw.includes('-')) {
    throw new DnsledgerError('INVALID_IP', `"${raw}": the CIRCL API takes an address or ` +
      'address,prefix; for a first-last range use /v1/ips/192.0.2.10-192.0.2.200')
  }
  if (isAddressShaped(raw)) {
    return { kind: 'ip', range: parseIpRange(raw, undefined, CIRCL_ADDRESSES) }
  }
  if (raw.includes('*')) throw wildcardRefusal(raw)

  return { kind: 'name', name: parseName(raw) }
}

/**
 * CIRCL has no wildcard; a hint names the API that takes the one sent: /v1 the left-hand
 * `*.example.com`, DNSDB the right-hand `www.example.*` (which /v1 lacks).
 */
function wildcardRefusal (raw: string): DnsledgerError {
  const refused = `"${clipText(raw)}": the CIRCL API takes no wildcards: send a name or an ` +
    'address'
  const suffix = /^\*\.[^*]+$/.test(raw) ? wildcardFree(raw.slice(2)) : undefined
  if (suffix !== undefined) {
    return new DnsledgerError('INVALID_NAME', `${refused}, or for ${suffix} and every name ` +
      `under it use /v1/domains/*.${suffix}`)
  }
  const leading = /^[^*]+\.\*$/.test(raw) ? wildcardFree(raw.slice(0, -2)) : undefined
  if (leading !== undefined) {
    return new DnsledgerError('INVALID_NAME', `${refused}, or for ${leading} under any suffix ` +
      `use DNSDB's /dnsdb/v2/lookup/rrset/name/${leading}.* (/v1 has no right-hand wildcard)`)
  }

  return new DnsledgerError('INVALID_NAME', `${refused}; a name and every name under it is ` +
    "/v1/domains/*.example.com, leading labels under any suffix DNSDB's " +
    '/dnsdb/v2/lookup/rrset/name/www.example.*')
}

/** A stable text of the query, to bind a cursor to the query that it pages. */
export function subjectScope (subject: CirclSubject, filter: string): string {
  const text = subject.kind === 'name' ? subject.name : subject.range.text

  return `${subject.kind}\u0000${text}\u0000${filter}`
}
