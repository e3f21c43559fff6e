import { normalizeName } from './dns-name.js'
import { numberField, stringField, type JsonObject } from './json-fields.js'
import { readJsonRecord } from './json-record.js'
import type { FeedParser, RejectedMessage } from './observation.js'
import { reject } from './reject-codes.js'
import { observed } from './single-observation.js'

/** The SOA's numbers in rdata order (RFC 1035 3.3.13), as the feed's JSON names them. */
const NUMBER_FIELDS = ['Serial', 'Refresh', 'Retry', 'Expire', 'Minttl'] as const

const MAX_UINT32 = 0xffffffff

/**
 * spamhaus_pdns_soa: `{"Hdr":{...,"Rrtype":6,...},"Ns":..,"Mbox":..,"Serial":..,...}` to
 * rdata `mname rname serial refresh retry expire minimum`. Ns and Mbox are names like any
 * other; Mbox keeps its escaped dots (`first\.last.example.com.`, RFC 1035 8).
 */
export const parseSoa: FeedParser = (payload, nowSeconds) => {
  const record = readJsonRecord(payload, nowSeconds, 'SOA')
  if (!record.ok) return record

  const names = soaNames(record.body)
  if (typeof names !== 'string') return names

  const numbers = soaNumbers(record.body)
  if (typeof numbers !== 'string') return numbers

  const rdata = `${names} ${numbers}`
  return observed(record, 'SOA', rdata)
}

/** `mname rname`, or why not. */
function soaNames (body: JsonObject): string | RejectedMessage {
  const ns = soaName(body, 'Ns')
  if (typeof ns !== 'string') return ns

  const mbox = soaName(body, 'Mbox')
  return typeof mbox === 'string' ? `${ns} ${mbox}` : mbox
}

function soaName (body: JsonObject, key: string): string | RejectedMessage {
  const raw = stringField(body, key, key)
  if (!raw.ok) return raw

  const name = normalizeName(raw.value, `SOA ${key}`)
  return name.ok ? name.name : name
}

/** `serial refresh retry expire minimum`, or why not. */
function soaNumbers (body: JsonObject): string | RejectedMessage {
  let text = ''
  for (const key of NUMBER_FIELDS) {
    const value = numberField(body, key, key)
    if (!value.ok) return value

    if (!isUint32(value.value)) return notUint32(key, value.value)
    text += text.length === 0 ? String(value.value) : ` ${value.value}`
  }
  return text
}

function isUint32 (value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= MAX_UINT32
}

function notUint32 (key: string, value: number): RejectedMessage {
  return reject('bad_soa_number', `SOA ${key} ${value} is not a whole number from 0 to 4294967295`)
}
