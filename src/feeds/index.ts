import { parseCname } from './cname-parser.js'
import { parseIpv4, parseIpv6 } from './address-parser.js'
import { parseMx } from './mx-parser.js'
import { parseNewDomain } from './new-domains-parser.js'
import { parseNs } from './ns-parser.js'
import { FEED_KINDS, type FeedKind, type FeedParser } from './observation.js'
import { parseSoa } from './soa-parser.js'
import { parseTxt } from './txt-parser.js'

export * from './observation.js'
export { REJECT_CODES, type RejectCode } from './reject-codes.js'
export { MAX_MESSAGE_BYTES } from './payload-text.js'
export {
  normalizeName,
  reverseName,
  unreverseName,
  ROOT_NAME,
  type NameResult
} from './dns-name.js'
export * from './ip-address.js'
export { parseEpochText, checkEpochValue, OLDEST_SECONDS } from './timestamp.js'

/** The parser for each feed kind. Parsers never throw; every outcome is a ParseResult. */
export const parsers: Record<FeedKind, FeedParser> = {
  spamhaus_new_domains: parseNewDomain,
  spamhaus_pdns_cname: parseCname,
  spamhaus_pdns_ipv4: parseIpv4,
  spamhaus_pdns_ipv6: parseIpv6,
  spamhaus_pdns_mx: parseMx,
  spamhaus_pdns_ns: parseNs,
  spamhaus_pdns_txt: parseTxt,
  spamhaus_pdns_soa: parseSoa
}

const KINDS: ReadonlySet<string> = new Set(FEED_KINDS)

/**
 * The feed kind a Kafka topic carries: the topic minus `prefix` (given whole, separator
 * included, e.g. `prod.`), if that is one of the eight kinds. Topic names are case-sensitive
 * in Kafka, so matching is exact.
 */
export function feedKindOfTopic (topic: string, prefix: string): FeedKind | undefined {
  if (!topic.startsWith(prefix)) return undefined

  const kind = topic.slice(prefix.length)
  return KINDS.has(kind) ? (kind as FeedKind) : undefined
}
