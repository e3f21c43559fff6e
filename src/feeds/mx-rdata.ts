import { normalizeName } from './dns-name.js'
import type { RejectedMessage } from './observation.js'
import { quote } from './quote-text.js'
import { reject } from './reject-codes.js'

export type MxRdata = { ok: true, rdata: string } | RejectedMessage

/**
 * An MX value is `host` or `preference host` (RFC 1035 3.3.9), one space between. The host
 * is a canonical name (`10 mx.example.com.`; `.` is the RFC 7505 null MX); the preference a
 * 16-bit integer written without leading zeros (repaired: `010` is 10, MX preferences have no
 * octal reading).
 */
export function normalizeMxValue (value: string): MxRdata {
  const space = value.indexOf(' ')
  if (space < 0) return exchangeOnly(value)

  if (value.indexOf(' ', space + 1) >= 0) return badShape(value)

  const preference = readPreference(value.slice(0, space))
  if (preference < 0) return badPreference(value.slice(0, space))

  const host = normalizeName(value.slice(space + 1), 'mx host')
  return host.ok ? { ok: true, rdata: `${preference} ${host.name}` } : host
}

function exchangeOnly (value: string): MxRdata {
  const host = normalizeName(value, 'mx host')
  return host.ok ? { ok: true, rdata: host.name } : host
}

/** The preference, or -1 unless it is 1 to 5 decimal digits worth at most 65535. */
function readPreference (text: string): number {
  if (!/^[0-9]{1,5}$/.test(text)) return -1

  const preference = Number(text)
  return preference <= 0xffff ? preference : -1
}

function badShape (value: string): RejectedMessage {
  const reason = `mx record ${quote(value)} is neither "host" nor "preference host"`
  return reject('bad_mx', reason)
}

function badPreference (text: string): RejectedMessage {
  const reason = `MX preference ${quote(text)} is not a whole number from 0 to 65535`
  return reject('bad_mx_preference', reason)
}
