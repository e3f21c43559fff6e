/**
 * Addresses as lookups take them: an address, a network (`address/prefix` or `address,prefix`)
 * or a range `first-last`, read as the bytes the store compares. A refusal writes what it
 * suggests in the forms of the path asked (address-dialect.ts).
 */
import { DnsledgerError } from '../errors.js'
import { normalizeName } from '../feeds/dns-name.js'
import { parseCidr, parseIp, type CidrRange } from '../feeds/ip-address.js'
import { type AddressDialect, networkForm, V1_ADDRESSES } from './address-dialect.js'
import { orderedSpan, parseIpSpan } from './ip-span.js'
import { MAPPED_PREFIX_BITS, mappedAddressError, mappedIpv4 } from './mapped-address.js'
import { clipText } from './shown-value.js'

/**
 * Digits, dots and dashes only (with a digit: `.` is the root), anything with a colon, or a
 * network: meant as an address, so it is parsed as one and a malformed one is an error, never a
 * name that is silently not found.
 */
const ADDRESS_SHAPED = /^[.-]*\d[\d.-]*$|:|[,/]/

export function isAddressShaped (raw: string): boolean {
  return ADDRESS_SHAPED.test(raw)
}

export interface IpRange {
  rrtype: 'A' | 'AAAA'
  low: Buffer
  high: Buffer
  /** The address or network as understood, canonical. */
  text: string
}

/**
 * An address, a network (`address/prefix` or `address,prefix`) or a range `first-last`.
 * `dialect`: how the path asked writes the forms a refusal suggests.
 */
export function parseIpRange (address: string, prefix?: string,
  dialect: AddressDialect = V1_ADDRESSES): IpRange {
  const dash = address.indexOf('-')
  const network = prefix !== undefined || address.includes('/') || address.includes(',')
  if (network && dash >= 0) throw rangeWithPrefix(address, prefix, dialect)
  if (dash >= 0) return parseIpSpan(address, dash)

  return network ? parseNetwork(address, prefix, dialect) : parseAddress(address, dialect)
}

function parseAddress (address: string, dialect: AddressDialect): IpRange {
  const ip = parseIp(address)
  if (!ip.ok && isNameShaped(address)) throw nameForAddress(address, dialect)
  if (!ip.ok) throw new DnsledgerError('INVALID_IP', `${ip.reason}: send an IPv4 or IPv6 address`)
  const ipv4 = mappedIpv4(ip.bytes)
  if (ipv4 !== undefined) throw mappedAddressError(address, ipv4, 'address')

  return { rrtype: ip.version === 4 ? 'A' : 'AAAA', low: ip.bytes, high: ip.bytes, text: ip.text }
}

function parseNetwork (address: string, prefix: string | undefined,
  dialect: AddressDialect): IpRange {
  const sent = prefix === undefined ? address : `${address}/${prefix}`
  const cidr = parseCidr(sent)
  if (!cidr.ok) {
    throw new DnsledgerError('INVALID_CIDR', `${cidr.reason}: send a network as ` +
      networkForm(dialect))
  }
  const ipv4 = mappedNetwork(cidr, dialect)
  if (ipv4 !== undefined) throw mappedAddressError(sent, ipv4, 'network')

  const rrtype = cidr.version === 4 ? 'A' : 'AAAA'
  return { rrtype, low: cidr.first, high: cidr.last, text: cidr.text }
}

/** A network inside ::ffff:0:0/96, as the IPv4 network it maps. */
function mappedNetwork (cidr: CidrRange, dialect: AddressDialect): string | undefined {
  const ipv4 = mappedIpv4(cidr.first)
  if (ipv4 === undefined || cidr.prefix < MAPPED_PREFIX_BITS) return undefined

  return `${ipv4}${dialect.separator}${cidr.prefix - MAPPED_PREFIX_BITS}`
}

/** Letters and no colon: a domain name sent where an address belongs. */
function isNameShaped (raw: string): boolean {
  return /[a-z]/i.test(raw) && !raw.includes(':') && normalizeName(raw).ok
}

function nameForAddress (raw: string, dialect: AddressDialect): DnsledgerError {
  const shown = clipText(raw)

  return new DnsledgerError('INVALID_IP', `"${shown}" is a domain name, not an address: send ` +
    `an IPv4 or IPv6 address, or ${dialect.nameLookup(shown)}`)
}

/** The range is suggested alone only when it is one: its ends in order, of one family. */
function rangeWithPrefix (address: string, prefix: string | undefined,
  dialect: AddressDialect): DnsledgerError {
  const [range = address] = address.split(/[/,]/)
  const sent = clipText(prefix === undefined ? address : `${address}/${prefix}`)
  const alone = orderedSpan(range)
  const rangeHint = alone === undefined
    ? 'send a range alone, first-last, e.g. 192.0.2.10-192.0.2.200'
    : `send the range alone (${clipText(alone)})`

  return new DnsledgerError('INVALID_CIDR', `"${sent}" gives a range first-last a prefix, ` +
    `which a range takes none of: ${rangeHint}, or a network as ${networkForm(dialect)}`)
}
