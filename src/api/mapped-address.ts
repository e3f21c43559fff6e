/**
 * IPv4-mapped IPv6 addresses (`::ffff:192.0.2.1`, RFC 4291 2.5.5.2) are how dual-stack servers
 * and their logs write IPv4 clients. Looked up as written, such an address would be searched
 * for in AAAA records and come back empty for an address that has A records; it is refused
 * instead, with its IPv4 form to send. An AAAA record that holds a mapped address (a
 * misconfiguration) is therefore found by its name only.
 */
import { DnsledgerError } from '../errors.js'
import { clipText } from './shown-value.js'

const MAPPED_PREFIX = Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff])

/** The bits of ::ffff:0:0/96 in front of the IPv4 address. */
export const MAPPED_PREFIX_BITS = 96

/** The IPv4 address that 16 bytes map, or undefined when they map none. */
export function mappedIpv4 (bytes: Buffer): string | undefined {
  if (bytes.length !== 16 || !bytes.subarray(0, 12).equals(MAPPED_PREFIX)) return undefined

  return [...bytes.subarray(12)].join('.')
}

/** `ipv4`: what was sent, written as IPv4 in the form the path takes. */
export function mappedAddressError (sent: string, ipv4: string,
  what: 'address' | 'network' | 'range'): DnsledgerError {
  return new DnsledgerError('INVALID_IP', `"${clipText(sent)}" is an IPv4 ${what} written as ` +
    'IPv6 (IPv4-mapped, RFC 4291 2.5.5.2, as dual-stack servers log clients); records point at ' +
    `IPv4 addresses in A records, not AAAA: send ${ipv4}`)
}
