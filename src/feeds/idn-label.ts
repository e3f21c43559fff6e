import { domainToASCII } from 'node:url'

/**
 * What a converted label must look like: an RFC 5891 A-label, punycode behind `xn--`. The
 * underscore is allowed because `_dmarc`-style labels keep it through punycode's basic code
 * points (RFC 3492 5).
 */
const A_LABEL = /^xn--[a-z0-9_-]+$/

/**
 * Converts one non-ASCII label to its A-label with node's UTS 46 mapping (lower-cases, maps
 * compatibility forms). It is given a single label, never a whole name, because the URL host
 * parser behind it rewrites numeric hosts as IPv4 addresses. Anything that does not come out
 * as one A-label (a refused label, a mapping to plain ASCII or to a dot) is `undefined`.
 */
export function idnToAscii (label: string): string | undefined {
  const ascii = domainToASCII(label)
  return A_LABEL.test(ascii) ? ascii : undefined
}
