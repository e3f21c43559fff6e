import { normalizeName } from './dns-name.js'
import { numberField, stringField, type JsonObject } from './json-fields.js'
import { readJsonRecord } from './json-record.js'
import type { FeedParser, RejectedMessage } from './observation.js'
import { reject } from './reject-codes.js'
import { observed } from './single-observation.js'
import { SOA_NUMBER_FIELDS, formatSoaRdata, type SoaFields } from './soa-rdata.js'

/** How the feed's JSON names each of the SOA's numbers. */
const FEED_KEYS = {
  serial: 'Serial', refresh: 'Refresh', retry: 'Retry', expire: 'Expire', minimum: 'Minttl'
} as const

type SoaNumbers = Omit<SoaFields, 'mname' | 'rname'>

const MAX_UINT32 = 0xffffffff

/**
 * spamhaus_pdns_soa: `{"Hdr":{...,"Rrtype":6,...},"Ns":..,"Mbox":..,"Serial":..,...}` to
 * rdata `mname rname serial refresh retry expire minimum` (soa-rdata.ts). Ns and Mbox are
 * names like any other; Mbox keeps its escaped dots (`first\.last.example.com.`, RFC 1035 8).
 */
export const parseSoa: FeedParser = (payload, nowSeconds) => {
  const record = readJsonRecord(payload, nowSeconds, 'SOA')
  if (!record.ok) return record

  const mname = soaName(record.body, 'Ns')
  if (typeof mname !== 'string') return mname

  const rname = soaName(record.body, 'Mbox')
  if (typeof rname !== 'string') return rname

  const numbers = soaNumbers(record.body)
  if ('ok' in numbers) return numbers

  return observed(record, 'SOA', formatSoaRdata({ mname, rname, ...numbers }))
}

function soaName (body: JsonObject, key: string): string | RejectedMessage {
  const raw = stringField(body, key, key)
  if (!raw.ok) return raw

  const name = normalizeName(raw.value, `SOA ${key}`)
  return name.ok ? name.name : name
}

/** serial, refresh, retry, expire and minimum, checked in rdata order, or why not. */
function soaNumbers (body: JsonObject): SoaNumbers | RejectedMessage {
  const numbers: Partial<SoaNumbers> = {}
  for (const field of SOA_NUMBER_FIELDS) {
    const key = FEED_KEYS[field]
    const value = numberField(body, key, key)
    if (!value.ok) return value

    if (!isUint32(value.value)) return notUint32(key, value.value)
    numbers[field] = value.value
  }
  return numbers as SoaNumbers
}

function isUint32 (value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= MAX_UINT32
}

function notUint32 (key: string, value: number): RejectedMessage {
  return reject('bad_soa_number', `SOA ${key} ${value} is not a whole number from 0 to 4294967295`)
}
