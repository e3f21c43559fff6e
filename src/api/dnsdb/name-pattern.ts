/**
 * DNSDB name arguments: a name, a left-hand wildcard `*.example.com` (the name and everything
 * under it) or a right-hand wildcard `www.example.*` (those leading labels under any suffix).
 * DNSDB takes one wildcard per name, on one side (DNSDB API v2, "Lookup by name"), and refuses
 * any other `*` with a 400: `*.*.example.com` is refused, not read as a name with a `*` label.
 * Refusals quote the name as it was sent.
 */
import { DnsledgerError } from '../../errors.js'
import type { NameMatch } from '../../store/wildcard-queries.js'
import { parseName, parsePatternName, wildcardFree } from '../request-params.js'
import { clipText } from '../shown-value.js'

const ONE_WILDCARD = 'DNSDB takes one *, as the whole first label (*.example.com) or the ' +
  'whole last (www.example.*)'

function bothSides (raw: string): DnsledgerError {
  return new DnsledgerError('INVALID_NAME', `"${clipText(raw)}" has a wildcard on both sides: ` +
    'send *.example.com or www.example.*, not both')
}

/** `rest`: the name without its wildcard label, if it has one at either end. */
function strayWildcard (raw: string, rest: string, side: 'left' | 'right' | 'none') {
  const bare = side === 'left' ? rest.replace(/^(\*\.)+/, '')
    : side === 'right' ? rest.replace(/(\.\*)+$/, '') : undefined
  const single = bare === undefined ? undefined : wildcardFree(bare)
  const fix = single === undefined ? ''
    : `: send ${side === 'left' ? `*.${single}` : `${single}.*`}`
  const what = bare === undefined ? 'has a * inside it' : 'has more than one *'

  return new DnsledgerError('INVALID_NAME', `"${clipText(raw)}" ${what}: ${ONE_WILDCARD}${fix}`)
}

export function parseNamePattern (raw: string): NameMatch {
  const left = raw.startsWith('*.')
  const right = raw.endsWith('.*')
  if (raw === '*' || raw === '*.') return { kind: 'any' }
  if (left && right) throw bothSides(raw)

  const side = left ? 'left' : right ? 'right' : 'none'
  const rest = left ? raw.slice(2) : right ? raw.slice(0, -2) : raw
  if (rest.includes('*')) throw strayWildcard(raw, rest, side)
  if (left) return { kind: 'subtree', name: parsePatternName(raw, rest, '*.example.com') }
  if (right) return { kind: 'leading', labels: parsePatternName(raw, rest, 'www.example.*') }

  return { kind: 'exact', name: parseName(raw) }
}
