import { parseIPv4Address, parseIPv6Address, type AddressResult } from './ip-address.js'
import type { FeedParser, RRType } from './observation.js'
import { readPipeRecord } from './pipe-record.js'
import { observed } from './single-observation.js'
import { quote } from './quote-text.js'
import { reject, type RejectCode } from './reject-codes.js'

interface AddressFamily {
  rrtype: RRType
  layout: string[]
  parse: (text: string) => AddressResult
  /** The other family's parser: an address of it gets its own code (see wrongFamily). */
  other: (text: string) => AddressResult
  wrongFamilyCode: RejectCode
  wrongFamilyReason: string
}

function addressParser (family: AddressFamily): FeedParser {
  return (payload, nowSeconds) => {
    const record = readPipeRecord(payload, nowSeconds, family.layout)
    if (!record.ok) return record

    const address = family.parse(record.value)
    if (address.ok) return observed(record, family.rrtype, address.address)

    return family.other(record.value).ok ? wrongFamily(family, record.value) : address
  }
}

/** Its own code, as it points at a producer mixing up topics rather than a bad address. */
function wrongFamily (family: AddressFamily, value: string) {
  return reject(family.wrongFamilyCode, `${quote(value)} ${family.wrongFamilyReason}`)
}

/** spamhaus_pdns_ipv4: `timestamp|hostname|ipv4 address`, an A record. */
export const parseIpv4 = addressParser({
  rrtype: 'A',
  layout: ['timestamp', 'hostname', 'ipv4 address'],
  parse: parseIPv4Address,
  other: parseIPv6Address,
  wrongFamilyCode: 'ipv6_on_ipv4_topic',
  wrongFamilyReason: 'is an IPv6 address, on the IPv4 (A record) topic'
})

/** spamhaus_pdns_ipv6: `timestamp|hostname|ipv6 address`, an AAAA record, stored RFC 5952. */
export const parseIpv6 = addressParser({
  rrtype: 'AAAA',
  layout: ['timestamp', 'hostname', 'ipv6 address'],
  parse: parseIPv6Address,
  other: parseIPv4Address,
  wrongFamilyCode: 'ipv4_on_ipv6_topic',
  wrongFamilyReason: 'is an IPv4 address, on the IPv6 (AAAA record) topic'
})
