import { arrayField } from './json-fields.js'
import { readJsonRecord } from './json-record.js'
import type { FeedParser, RejectedMessage } from './observation.js'
import { reject } from './reject-codes.js'
import { observed } from './single-observation.js'
import { formatTxtRdata } from './txt-rdata.js'

/** An unpaired UTF-16 surrogate (from a JSON `\ud800` escape): no UTF-8 text can carry it. */
const LONE_SURROGATE = /\p{Cs}/u

/**
 * spamhaus_pdns_txt: `{"Hdr":{...,"Rrtype":16,...},"Txt":["..."]}`. The strings are kept as
 * sent (see txt-rdata.ts); an empty list or anything but strings in it is rejected, as is a
 * string with a lone surrogate, which storing as UTF-8 would silently alter.
 */
export const parseTxt: FeedParser = (payload, nowSeconds) => {
  const record = readJsonRecord(payload, nowSeconds, 'TXT')
  if (!record.ok) return record

  const txt = arrayField(record.body, 'Txt', 'Txt')
  if (!txt.ok) return txt

  const problem = txtProblem(txt.value)
  if (problem !== undefined) return problem

  const rdata = formatTxtRdata(txt.value as string[])
  return observed(record, 'TXT', rdata)
}

function txtProblem (strings: unknown[]): RejectedMessage | undefined {
  if (strings.length === 0) return reject('bad_txt', 'Txt is an empty list; a TXT record has text')

  for (let i = 0; i < strings.length; i++) {
    const item = strings[i]
    if (typeof item !== 'string') return reject('bad_txt', `Txt[${i}] is not a string`)

    if (LONE_SURROGATE.test(item)) return reject('bad_txt', `Txt[${i}] has a lone UTF-16 surrogate`)
  }
  return undefined
}
