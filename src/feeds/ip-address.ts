import type { RejectedMessage } from './observation.js'
import { parseIPv4Value } from './ipv4-address.js'
import { parseIPv6Groups } from './ipv6-address.js'
import { formatIPv6 } from './ipv6-text.js'
import { parseIp } from './ip-value.js'

export { bytesToIp } from './ip-bytes.js'
export { parseCidr, type CidrRange } from './ip-cidr.js'
export { parseIp, type IpAddress } from './ip-value.js'

export type AddressResult = { ok: true, address: string } | RejectedMessage

/** A strict dotted quad (see ipv4-address.ts); being strict, valid input is already canonical. */
export function parseIPv4Address (text: string): AddressResult {
  const parsed = parseIPv4Value(text)
  return parsed.ok ? { ok: true, address: text } : parsed
}

/** Any RFC 4291 form, returned as RFC 5952 canonical text. */
export function parseIPv6Address (text: string): AddressResult {
  const parsed = parseIPv6Groups(text)
  return parsed.ok ? { ok: true, address: formatIPv6(parsed.groups) } : parsed
}

/** Bytes of an address the caller knows is valid (e.g. stored rdata); throws TypeError if not. */
export function ipToBytes (address: string): Buffer {
  const ip = parseIp(address)
  if (!ip.ok) throw new TypeError(ip.reason)

  return ip.bytes
}
