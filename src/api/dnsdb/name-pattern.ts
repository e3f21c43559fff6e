/**
 * DNSDB name arguments: a name, a left-hand wildcard `*.example.com` (the name and everything
 * under it) or a right-hand wildcard `www.example.*` (those leading labels under any suffix).
 * DNSDB takes one wildcard per name, on one side (DNSDB API v2, "Lookup by name").
 */
import { DnsledgerError } from '../../errors.js'
import type { NameMatch } from '../../store/wildcard-queries.js'
import { parseName } from '../request-params.js'

function bothSides (raw: string): DnsledgerError {
  return new DnsledgerError('INVALID_NAME', `"${raw}" has a wildcard on both sides: send ` +
    '*.example.com or www.example.*, not both')
}

export function parseNamePattern (raw: string): NameMatch {
  const left = raw.startsWith('*.')
  const right = raw.endsWith('.*')
  if (raw === '*' || raw === '*.') return { kind: 'any' }
  if (left && right) throw bothSides(raw)

  if (left) return { kind: 'subtree', name: parseName(raw.slice(2)) }
  if (right) return { kind: 'leading', labels: parseName(raw.slice(0, -2)) }

  return { kind: 'exact', name: parseName(raw) }
}
