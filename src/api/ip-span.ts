/**
 * Address ranges written `first-last` (`192.0.2.10-192.0.2.200`, `2001:db8::-2001:db8::ff`),
 * as DNSDB takes them and the native API beside addresses and networks: both ends of one
 * family, the first not above the last. Nothing is capped: a wide range is paged like any other.
 */
import { DnsledgerError } from '../errors.js'
import { parseIp } from '../feeds/ip-address.js'
import type { IpRange } from './ip-range.js'
import { mappedAddressError, mappedIpv4 } from './mapped-address.js'

const EXAMPLE = 'e.g. 192.0.2.10-192.0.2.200 or 2001:db8::-2001:db8::ff'

function end (raw: string, text: string, which: string) {
  const ip = parseIp(text)
  if (!ip.ok) {
    throw new DnsledgerError('INVALID_IP', `${which} of range "${raw}": ${ip.reason}: send ` +
      `first-last, two addresses of one family, ${EXAMPLE}`)
  }

  return ip
}

/** `raw` holds a `-` at `dash`. */
export function parseIpSpan (raw: string, dash: number): IpRange {
  const first = end(raw, raw.slice(0, dash), 'the start')
  const last = end(raw, raw.slice(dash + 1), 'the end')
  if (first.version !== last.version) {
    throw new DnsledgerError('INVALID_IP', `range "${raw}" mixes IPv${first.version} and ` +
      `IPv${last.version}: send two addresses of one family, ${EXAMPLE}`)
  }
  const [firstIpv4, lastIpv4] = [mappedIpv4(first.bytes), mappedIpv4(last.bytes)]
  if (firstIpv4 !== undefined && lastIpv4 !== undefined) {
    throw mappedAddressError(raw, orderedSpan(`${firstIpv4}-${lastIpv4}`) ?? EXAMPLE,
      'range')
  }
  if (Buffer.compare(first.bytes, last.bytes) > 0) {
    throw new DnsledgerError('INVALID_IP', `range "${raw}" starts above its end: send the ` +
      `lower address first (${last.text}-${first.text})`)
  }

  const rrtype = first.version === 4 ? 'A' : 'AAAA'
  return { rrtype, low: first.bytes, high: last.bytes, text: `${first.text}-${last.text}` }
}

/**
 * `raw` as a range a refusal can suggest: `first-last` with its ends in order (a range sent
 * backwards is meant the other way round), or undefined when it is no range at all.
 */
export function orderedSpan (raw: string): string | undefined {
  const [first, last, ...more] = raw.split('-').map((end) => parseIp(end))
  if (first?.ok !== true || last?.ok !== true || more.length > 0) return undefined
  if (first.version !== last.version) return undefined

  const backwards = Buffer.compare(first.bytes, last.bytes) > 0
  return backwards ? `${last.text}-${first.text}` : `${first.text}-${last.text}`
}
