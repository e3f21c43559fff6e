/**
 * The one definition of SOA rdata text: `mname rname serial refresh retry expire minimum`
 * (RFC 1035 3.3.13), one space between. The feed parser writes it and the API reads it back
 * into fields. Names are canonical and never hold a space (dns-name.ts refuses one, and an
 * escaped dot stays `\.`), so splitting on spaces is exact.
 */

export interface SoaFields {
  mname: string
  rname: string
  serial: number
  refresh: number
  retry: number
  expire: number
  minimum: number
}

/** The numbers in rdata order. */
export const SOA_NUMBER_FIELDS = ['serial', 'refresh', 'retry', 'expire', 'minimum'] as const

const MAX_UINT32 = 0xffffffff

export function formatSoaRdata (soa: SoaFields): string {
  return [soa.mname, soa.rname, ...SOA_NUMBER_FIELDS.map((field) => String(soa[field]))].join(' ')
}

/** The fields of stored SOA rdata, or undefined when the text is not in that form. */
export function parseSoaRdata (rdata: string): SoaFields | undefined {
  const parts = rdata.split(' ')
  if (parts.length !== 2 + SOA_NUMBER_FIELDS.length) return undefined
  const [mname = '', rname = '', ...texts] = parts
  const numbers = texts.map((text) => /^\d{1,10}$/.test(text) ? Number(text) : -1)
  if (mname === '' || rname === '' || numbers.some((n) => n < 0 || n > MAX_UINT32)) {
    return undefined
  }
  const [serial = 0, refresh = 0, retry = 0, expire = 0, minimum = 0] = numbers

  return { mname, rname, serial, refresh, retry, expire, minimum }
}
