/**
 * What a CIRCL query names: an address (or a network written `address,prefix`), answered by
 * the records pointing at it, or a domain name, answered by the records it owns; as CIRCL's
 * and the D4 project's passive DNS servers do.
 */
import { DnsledgerError } from '../../errors.js'
import { CIRCL_ADDRESSES } from '../address-dialect.js'
import { isAddressShaped, parseIpRange, type IpRange } from '../ip-range.js'
import { parseName } from '../request-params.js'

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
  if (raw.includes('*')) {
    throw new DnsledgerError('INVALID_NAME', `"${raw}": the CIRCL API takes no wildcards; ` +
      'send a name or an address, or use /v1/domains/*.example.com')
  }

  return { kind: 'name', name: parseName(raw) }
}

/** A stable text of the query, to bind a cursor to the query that it pages. */
export function subjectScope (subject: CirclSubject, filter: string): string {
  const text = subject.kind === 'name' ? subject.name : subject.range.text

  return `${subject.kind}\u0000${text}\u0000${filter}`
}
