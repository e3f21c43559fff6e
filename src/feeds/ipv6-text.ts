/**
 * RFC 5952 canonical text of eight 16-bit groups: lower-case hex without leading zeros (4.1,
 * 4.3); the longest run of two or more zero groups as `::`, the first on a tie, a lone zero
 * group never (4.2). IPv4-mapped addresses (::ffff:0:0/96) end in a dotted quad as section 5
 * recommends; no other prefix does, since only that one is recognizable from the address.
 */
export function formatIPv6 (groups: ArrayLike<number>): string {
  if (isIPv4Mapped(groups)) return `::ffff:${dottedPair(groups[6]!)}.${dottedPair(groups[7]!)}`

  const run = longestZeroRun(groups)
  if (run.length < 2) return hexGroups(groups, 0, 8)

  return `${hexGroups(groups, 0, run.start)}::${hexGroups(groups, run.start + run.length, 8)}`
}

function isIPv4Mapped (groups: ArrayLike<number>): boolean {
  for (let i = 0; i < 5; i++) if (groups[i] !== 0) return false

  return groups[5] === 0xffff
}

function dottedPair (group: number): string {
  return `${group >>> 8}.${group & 255}`
}

function longestZeroRun (groups: ArrayLike<number>): { start: number, length: number } {
  let best = { start: 0, length: 0 }
  let start = 0
  for (let i = 0; i <= 8; i++) {
    if (i < 8 && groups[i] === 0) continue

    if (i - start > best.length) best = { start, length: i - start }
    start = i + 1
  }
  return best
}

function hexGroups (groups: ArrayLike<number>, from: number, to: number): string {
  let text = ''
  for (let i = from; i < to; i++) text += (i > from ? ':' : '') + groups[i]!.toString(16)

  return text
}
