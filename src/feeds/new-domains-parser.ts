import { normalizeName } from './dns-name.js'
import type { FeedParser, RejectedMessage } from './observation.js'
import { readPipeRecord } from './pipe-record.js'
import { observed } from './single-observation.js'
import { quote } from './quote-text.js'
import { reject } from './reject-codes.js'

const LAYOUT = ['record type', 'timestamp', 'domain', 'nameserver']

/**
 * spamhaus_new_domains: `NS|timestamp|domain|nameserver`. One message states two facts: the
 * domain was seen for the first time (a NewDomain), and it has this NS record, stored like
 * any NS observation. The type field must be exactly `NS`, the only one the topic sends.
 */
export const parseNewDomain: FeedParser = (payload, nowSeconds) => {
  const record = readPipeRecord(payload, nowSeconds, LAYOUT)
  if (!record.ok) return record

  if (record.fields[0] !== 'NS') return badType(record.fields[0]!)

  const nameserver = normalizeName(record.value, 'nameserver')
  if (!nameserver.ok) return nameserver

  const message = observed(record, 'NS', nameserver.name)
  message.newDomain = {
    domain: record.rrname,
    nameserver: nameserver.name,
    firstSeen: record.timeSeen
  }
  return message
}

function badType (type: string): RejectedMessage {
  return reject('bad_record_type', `record type ${quote(type)} should be "NS" on new_domains`)
}
