import type { RejectedMessage } from './observation.js'
import { parseIPv4Value } from './ipv4-address.js'
import { quote } from './quote-text.js'
import { reject } from './reject-codes.js'

/** The eight 16-bit groups of an IPv6 address, most significant first. */
export type Ipv6Groups = { ok: true, groups: number[] } | RejectedMessage

/** The longest valid text form: six groups and an embedded IPv4 address. */
const MAX_IPV6_CHARS = 45

/**
 * Parses any RFC 4291 2.2 text form: 1-4 hex digits a group, at most one `::` standing for
 * one or more zero groups, and optionally a dotted quad as the last 32 bits (itself strict,
 * see ipv4-address.ts). A `%zone` (RFC 4007 11) is refused: it names a link on one host and
 * has no place in DNS data. Brackets, prefixes and white space are refused.
 */
export function parseIPv6Groups (text: string): Ipv6Groups {
  const groups = scanIPv6(text)
  return groups === undefined ? explainIPv6(text) : { ok: true, groups }
}

const COLON = 0x3a

/**
 * The hot path: one pass over the text into eight groups, or undefined for anything invalid
 * (explainIPv6 then says what). Groups after a `::` are read in place and moved up at the end.
 */
function scanIPv6 (text: string): number[] | undefined {
  if (text.length < 2 || text.length > MAX_IPV6_CHARS) return undefined

  const groups = [0, 0, 0, 0, 0, 0, 0, 0]
  let count = 0
  let gap = -1
  let i = 0
  if (text.charCodeAt(0) === COLON) {
    if (text.charCodeAt(1) !== COLON) return undefined
    gap = 0
    i = 2
  }
  while (i < text.length) {
    let value = 0
    const start = i
    for (let digit = hexValue(text.charCodeAt(i)); digit >= 0; ) {
      value = value * 16 + digit
      digit = hexValue(text.charCodeAt(++i))
    }
    if (text.charCodeAt(i) === 0x2e) return embedIPv4(text.slice(start), groups, count, gap)

    if (i === start || i - start > 4 || count === 8) return undefined
    groups[count++] = value
    if (i === text.length) break

    if (text.charCodeAt(i) !== COLON || ++i === text.length) return undefined
    if (text.charCodeAt(i) !== COLON) continue

    if (gap >= 0) return undefined
    gap = count
    i++
  }
  return expandGap(groups, count, gap)
}

/** Hex digit value, or -1 (also past the end, where charCodeAt gives NaN). */
function hexValue (code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30

  const lower = code | 0x20
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1
}

/** The dotted quad that ends the address fills its last two groups. */
function embedIPv4 (
  tail: string,
  groups: number[],
  count: number,
  gap: number
): number[] | undefined {
  const ipv4 = parseIPv4Value(tail)
  if (!ipv4.ok || count > 6) return undefined

  groups[count] = ipv4.value >>> 16
  groups[count + 1] = ipv4.value & 0xffff
  return expandGap(groups, count + 2, gap)
}

/** Moves the groups read after `::` to the end; the `::` must stand for one group or more. */
function expandGap (groups: number[], count: number, gap: number): number[] | undefined {
  if (gap < 0) return count === 8 ? groups : undefined

  if (count === 8) return undefined

  for (let from = count - 1, to = 7; from >= gap; from--, to--) {
    groups[to] = groups[from]!
    groups[from] = 0
  }
  return groups
}

/** The slow path, for an address already known bad: finds what is wrong, in words. */
function explainIPv6 (text: string): RejectedMessage {
  if (text.indexOf('%') >= 0) return zoneId(text)

  if (text.length === 0) return reject('bad_ipv6', 'the IPv6 address is empty')

  if (text.length > MAX_IPV6_CHARS) return badIPv6(text, `is ${text.length} characters long`)

  const gap = text.indexOf('::')
  const problem = gap < 0 ? allGroups(text) : gapGroups(text, gap)
  return problem ?? badIPv6(text, 'is not an IPv6 address')
}

function allGroups (text: string): RejectedMessage | undefined {
  const groups = readGroups(text, text, true)
  if (!Array.isArray(groups)) return groups

  return groups.length === 8 ? undefined : badIPv6(text, `has ${groups.length} groups, not 8`)
}

function gapGroups (text: string, gap: number): RejectedMessage | undefined {
  if (text.indexOf('::', gap + 1) >= 0) return badIPv6(text, 'has more than one "::"')

  const head = readGroups(text.slice(0, gap), text, false)
  if (!Array.isArray(head)) return head

  const tail = readGroups(text.slice(gap + 2), text, true)
  if (!Array.isArray(tail)) return tail

  const groups = head.length + tail.length
  return groups < 8 ? undefined : badIPv6(text, `has ${groups} groups besides its "::"`)
}

/**
 * Reads `:`-separated groups (one side of a `::`, or the whole address). Only the address's
 * final group may be a dotted quad, which fills two groups.
 */
function readGroups (part: string, text: string, ipv4Last: boolean): number[] | RejectedMessage {
  if (part.length === 0) return []

  const pieces = part.split(':')
  const groups: number[] = []
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!
    const isLast = ipv4Last && i === pieces.length - 1
    const problem = isLast && piece.indexOf('.') >= 0
      ? pushIPv4(piece, groups)
      : pushHexGroup(piece, groups)
    if (problem !== undefined) return badIPv6(text, problem)
  }
  return groups
}

function pushHexGroup (piece: string, groups: number[]): string | undefined {
  if (piece.length === 0 || piece.length > 4 || !isHex(piece)) {
    return `has the group ${quote(piece)}, which is not 1 to 4 hex digits`
  }
  groups.push(parseInt(piece, 16))
  return undefined
}

function pushIPv4 (piece: string, groups: number[]): string | undefined {
  const ipv4 = parseIPv4Value(piece)
  if (!ipv4.ok) return `ends in a bad IPv4 part: ${ipv4.reason}`

  groups.push(ipv4.value >>> 16, ipv4.value & 0xffff)
  return undefined
}

function isHex (piece: string): boolean {
  for (let i = 0; i < piece.length; i++) if (hexValue(piece.charCodeAt(i)) < 0) return false

  return true
}

function zoneId (text: string): RejectedMessage {
  const zone = quote(text.slice(text.indexOf('%')))
  const reason = `IPv6 address ${quote(text)} has a zone id (${zone}); DNS data never has one`
  return reject('ipv6_zone_id', reason)
}

function badIPv6 (text: string, problem: string): RejectedMessage {
  return reject('bad_ipv6', `IPv6 address ${quote(text)} ${problem}`)
}
