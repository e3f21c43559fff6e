/**
 * DNSDB `rdata/ip/` arguments: an address, a network as `address,prefix` (the comma standing
 * for the slash that a URL path cannot carry), or a range `first-last` (DNSDB API v2, "rdata
 * lookups by IP"; dnsdbq sends all three).
 */
import { DnsledgerError } from '../../errors.js'
import { parseIp } from '../../feeds/ip-address.js'
import { parseIpRange, type IpRange } from '../request-params.js'

function address (raw: string, what: string) {
  const ip = parseIp(raw)
  if (!ip.ok) {
    throw new DnsledgerError('INVALID_IP', `${what} of the range: ${ip.reason}: send ` +
      'first-last, e.g. 192.0.2.0-192.0.2.63')
  }

  return ip
}

function range (raw: string, dash: number): IpRange {
  const first = address(raw.slice(0, dash), 'the start')
  const last = address(raw.slice(dash + 1), 'the end')
  if (first.version !== last.version || Buffer.compare(first.bytes, last.bytes) > 0) {
    throw new DnsledgerError('INVALID_CIDR', `range "${raw}" must run from the lower to the ` +
      'higher address of one family, e.g. 192.0.2.0-192.0.2.63')
  }

  const rrtype = first.version === 4 ? 'A' : 'AAAA'
  return { rrtype, low: first.bytes, high: last.bytes, text: `${first.text}-${last.text}` }
}

export function parseAddressSpan (raw: string): IpRange {
  const dash = raw.indexOf('-')

  return dash < 0 ? parseIpRange(raw) : range(raw, dash)
}
