import type { RejectedMessage } from './observation.js'

/**
 * Every code a feed parser can reject a message with, and what it means. Metrics enumerate
 * this catalogue, so a code, once shipped, is never renamed.
 */
export const REJECT_CODES = {
  unknown_topic: 'The message came from a topic that is not one of the eight feed topics.',
  empty: 'The message is empty.',
  too_large: 'The message is larger than the size limit; it was not parsed.',
  bad_encoding: 'The message is not valid UTF-8.',
  bad_line_break: 'The message contains a CR or LF other than one trailing line end.',
  bad_field_count: 'The message does not have the number of |-separated fields the topic has.',
  padded_field: 'A field starts or ends with white space.',
  bad_record_type: 'The record type field is not the one the topic carries.',
  bad_timestamp: 'The timestamp is not a whole number of seconds since 1970.',
  timestamp_too_old: 'The timestamp is before 1990, older than any passive DNS.',
  timestamp_in_future: 'The timestamp is more than a day in the future.',
  empty_name: 'A DNS name is empty.',
  empty_label: 'A DNS name has an empty label (two dots in a row or a leading dot).',
  label_too_long: 'A DNS name has a label over 63 octets (RFC 1035 2.3.4).',
  name_too_long: 'A DNS name is over 253 octets (RFC 1035 2.3.4).',
  bad_name_character: 'A DNS name contains a character no DNS name in the feed can have.',
  bad_escape: 'A DNS name contains a backslash that is not \\. or \\DDD (RFC 1035 5.1).',
  bad_wildcard: 'A * that is not the whole leftmost label (RFC 4592).',
  bad_idn: 'A non-ASCII label that does not convert to an xn-- label (RFC 5891).',
  bad_ipv4: 'The value is not a dotted-quad IPv4 address.',
  bad_ipv6: 'The value is not an IPv6 address (RFC 4291 2.2).',
  ipv6_zone_id: 'The IPv6 address carries a %zone id, which DNS data never has.',
  ipv6_on_ipv4_topic: 'An IPv6 address arrived on the IPv4 (A record) topic.',
  ipv4_on_ipv6_topic: 'An IPv4 address arrived on the IPv6 (AAAA record) topic.',
  bad_cidr: 'The value is not an address range in CIDR notation.',
  bad_mx: 'The MX value is neither "host" nor "preference host".',
  bad_mx_preference: 'The MX preference is not a whole number from 0 to 65535.',
  bad_json: 'The message is not a JSON object.',
  missing_field: 'A field the record needs is absent from the JSON.',
  bad_field_type: 'A JSON field has the wrong type (e.g. a number sent as a string).',
  wrong_rrtype: 'The JSON Rrtype is not the record type the topic carries.',
  wrong_class: 'The JSON Class is not 1 (IN); dnsledger keeps Internet records only.',
  bad_txt: 'The TXT string list is empty or holds something other than text.',
  bad_soa_number: 'An SOA number is not an unsigned 32-bit integer (RFC 1035 3.3.13).'
} as const

export type RejectCode = keyof typeof REJECT_CODES

export function reject (code: RejectCode, reason: string): RejectedMessage {
  return { ok: false, code, reason }
}
