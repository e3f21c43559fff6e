import type { RejectedMessage } from './observation.js'
import { parseIp } from './ip-value.js'
import { bytesToIp } from './ip-bytes.js'
import { quote } from './quote-text.js'
import { reject } from './reject-codes.js'

/** An address range: its first and last address as bytes, for a BETWEEN on stored bytes. */
export interface CidrRange {
  ok: true
  version: 4 | 6
  prefix: number
  /** Canonical text of the range, e.g. `192.0.2.0/24` for `192.0.2.77,24`. */
  text: string
  first: Buffer
  last: Buffer
}

/**
 * Parses `address/prefix` (RFC 4632 3.1) or `address,prefix` (the same, for places where a
 * slash is awkward, like a URL path segment). A bare address is its own one-address range.
 * Host bits set below the prefix are ignored, as a lookup means the enclosing network.
 */
export function parseCidr (text: string): CidrRange | RejectedMessage {
  const cut = separatorAt(text)
  const ip = parseIp(cut < 0 ? text : text.slice(0, cut))
  if (!ip.ok) return reject('bad_cidr', `range ${quote(text)}: ${ip.reason}`)

  const bits = ip.version === 4 ? 32 : 128
  const prefix = cut < 0 ? bits : prefixLength(text.slice(cut + 1), bits)
  if (prefix < 0) return badPrefix(text, text.slice(cut + 1), bits)

  const first = masked(ip.bytes, prefix, false)
  const last = masked(ip.bytes, prefix, true)
  const canonical = `${bytesToIp(first)}/${prefix}`
  return { ok: true, version: ip.version, prefix, text: canonical, first, last }
}

function separatorAt (text: string): number {
  const slash = text.indexOf('/')
  return slash >= 0 ? slash : text.indexOf(',')
}

/** The prefix length, or -1: decimal 0 to `bits`, no sign, no leading zero. */
function prefixLength (text: string, bits: number): number {
  if (!/^(0|[1-9][0-9]{0,2})$/.test(text)) return -1

  const prefix = Number(text)
  return prefix <= bits ? prefix : -1
}

/** Says what is wrong with the length when it is nearly right: a leading zero, a sign. */
function badPrefix (text: string, length: string, bits: number): RejectedMessage {
  const needs = `needs a prefix length from 0 to ${bits}`
  if (/^0\d+$/.test(length) && Number(length) <= bits) {
    return reject('bad_cidr', `range ${quote(text)} has a prefix length with a leading zero ` +
      `(${quote(length)}); write it ${Number(length)}`)
  }

  return reject('bad_cidr', `range ${quote(text)} ${needs}`)
}

/** Clears (first address) or sets (last address) every bit after the prefix. */
function masked (bytes: Buffer, prefix: number, hostBits: boolean): Buffer {
  const out = Buffer.from(bytes)
  for (let i = 0; i < out.length; i++) {
    const kept = Math.min(8, Math.max(0, prefix - i * 8))
    const mask = (0xff << (8 - kept)) & 0xff
    out[i] = hostBits ? out[i]! | (~mask & 0xff) : out[i]! & mask
  }
  return out
}
