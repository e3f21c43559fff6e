import type { RejectedMessage } from './observation.js'
import { ipv4Bytes, ipv6Bytes } from './ip-bytes.js'
import { parseIPv4Value } from './ipv4-address.js'
import { parseIPv6Groups } from './ipv6-address.js'
import { formatIPv6 } from './ipv6-text.js'

export interface IpAddress {
  ok: true
  version: 4 | 6
  /** Canonical text: the dotted quad, or RFC 5952. */
  text: string
  /** Network order, 4 or 16 bytes. */
  bytes: Buffer
}

/** An address of either family, told apart by a colon (no IPv4 form has one), with its bytes. */
export function parseIp (text: string): IpAddress | RejectedMessage {
  return text.indexOf(':') >= 0 ? parseIPv6Ip(text) : parseIPv4Ip(text)
}

function parseIPv6Ip (text: string): IpAddress | RejectedMessage {
  const parsed = parseIPv6Groups(text)
  if (!parsed.ok) return parsed

  const groups = parsed.groups
  return { ok: true, version: 6, text: formatIPv6(groups), bytes: ipv6Bytes(groups) }
}

function parseIPv4Ip (text: string): IpAddress | RejectedMessage {
  const parsed = parseIPv4Value(text)
  if (!parsed.ok) return parsed

  return { ok: true, version: 4, text, bytes: ipv4Bytes(parsed.value) }
}
