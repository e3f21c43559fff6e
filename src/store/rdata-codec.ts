/**
 * Turns an observation's canonical rdata into the typed value stored in observations.rdata and
 * back. See migrations.ts for why each type is stored the way it is.
 */
import { RRTYPE_CODES, type RRType } from '../feeds/observation.js'
import { ipToBytes, bytesToIp } from '../feeds/ip-address.js'

/** MX rows of one exchange host share [id * MX_SPAN, id * MX_SPAN + 65536]. */
export const MX_SPAN = 65_537

/**
 * Name-valued rdata is bound as bigint: better-sqlite3 binds a JS number as REAL, and in a
 * column typed ANY a REAL stays REAL (8 bytes, and `/` would no longer be integer division).
 * Read back, SQLite integers arrive as numbers.
 */
export type StoredRdata = number | bigint | string | Buffer

export type NameIdOf = (name: string) => number

const RRTYPE_BY_CODE = new Map<number, RRType>(
  Object.entries(RRTYPE_CODES).map(([type, code]) => [code, type as RRType])
)

export function rrtypeOfCode (code: number): RRType | undefined {
  return RRTYPE_BY_CODE.get(code)
}

const SPAN = BigInt(MX_SPAN)

export function mxRange (nameId: number): [bigint, bigint] {
  const low = BigInt(nameId) * SPAN

  return [low, low + SPAN - 1n]
}

function encodeMx (rdata: string, idOf: NameIdOf): bigint {
  const space = rdata.indexOf(' ')
  if (space === -1) return BigInt(idOf(rdata)) * SPAN
  const preference = BigInt(rdata.slice(0, space))

  return BigInt(idOf(rdata.slice(space + 1))) * SPAN + preference + 1n
}

export function encodeRdata (rrtype: RRType, rdata: string, idOf: NameIdOf): StoredRdata {
  switch (rrtype) {
    case 'A':
    case 'AAAA':
      return ipToBytes(rdata)
    case 'NS':
    case 'CNAME':
      return BigInt(idOf(rdata))
    case 'MX':
      return encodeMx(rdata, idOf)
    default:
      return rdata
  }
}

export function decodeRdata (rrtypeCode: number, stored: StoredRdata, target?: string): string {
  if (Buffer.isBuffer(stored)) return bytesToIp(stored)
  if (typeof stored === 'string') return stored
  if (rrtypeCode !== RRTYPE_CODES.MX) return target ?? ''
  const preference = Number(stored) % MX_SPAN

  return preference === 0 ? target ?? '' : `${preference - 1} ${target ?? ''}`
}
