import type { RejectedMessage } from './observation.js'
import { quote } from './quote-text.js'
import { reject } from './reject-codes.js'

export type Ipv4Value = { ok: true, value: number } | RejectedMessage

/**
 * Strict dotted quad: exactly four decimal octets 0-255 and nothing else. Leading zeros are
 * refused because inet_aton(3) reads `010` as octal 8, so the sender's meaning is unknown;
 * the short and hex forms inet_aton also takes (`1.2.3`, `0x7f.1`) never come from DNS.
 * Returns the address as an unsigned 32-bit number; one pass, no allocation when valid.
 */
export function parseIPv4Value (text: string): Ipv4Value {
  let value = 0
  let octet = 0
  let digits = 0
  let parts = 0
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0x2e
    if (code === 0x2e) {
      if (digits === 0 || parts === 4) return explainIPv4(text)
      value = value * 256 + octet
      parts++
      octet = 0
      digits = 0
    } else if (code < 0x30 || code > 0x39 || (digits === 1 && octet === 0)) {
      return explainIPv4(text)
    } else {
      octet = octet * 10 + code - 0x30
      if (++digits > 3 || octet > 255) return explainIPv4(text)
    }
  }
  return parts === 4 ? { ok: true, value } : explainIPv4(text)
}

/** Dotted-quad text of an unsigned 32-bit IPv4 value. */
export function formatIPv4 (value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`
}

/** The slow path, taken only for a bad address: says which part is wrong and why. */
function explainIPv4 (text: string): RejectedMessage {
  if (text.length === 0) return reject('bad_ipv4', 'the IPv4 address is empty')

  const parts = text.split('.', 5)
  if (parts.length !== 4) return badParts(text, parts.length)

  for (const part of parts) {
    const problem = octetProblem(part)
    if (problem !== undefined) return reject('bad_ipv4', `${problem} in ${quote(text)}`)
  }
  return reject('bad_ipv4', `${quote(text)} is not an IPv4 address`)
}

function badParts (text: string, count: number): RejectedMessage {
  const found = count > 4 ? 'more than 4 parts' : count === 1 ? '1 part' : `${count} parts`
  return reject('bad_ipv4', `IPv4 address ${quote(text)} has ${found}; it needs 4`)
}

function octetProblem (part: string): string | undefined {
  if (part.length === 0) return 'an IPv4 octet is empty'

  if (!/^[0-9]+$/.test(part)) return `IPv4 octet ${quote(part)} is not a decimal number`

  if (part.length > 1 && part.charCodeAt(0) === 0x30) {
    return `IPv4 octet ${quote(part)} has a leading zero (octal or decimal?)`
  }
  return Number(part) > 255 ? `IPv4 octet ${quote(part)} is over 255` : undefined
}
