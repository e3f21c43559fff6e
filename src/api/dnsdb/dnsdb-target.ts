/**
 * What a DNSDB path asks for, and the store query that answers it. Name-valued rdata
 * (`rdata/name/`) covers the types whose rdata dnsledger keeps as a name: NS, CNAME and MX.
 */
import type { RRType } from '../../feeds/observation.js'
import type { ObservationRecord } from '../../store/observation-queries.js'
import type { NameMatch, OffsetOptions, WildcardQueries } from '../../store/wildcard-queries.js'
import type { IpRange } from '../ip-range.js'

export type DnsdbTarget =
  | { kind: 'rrset', owner: NameMatch, rrtypes?: RRType[], bailiwick?: string }
  | { kind: 'rdata-name', name: NameMatch, rrtypes?: RRType[] }
  | { kind: 'rdata-ip', range: IpRange }

type Window = Pick<OffsetOptions, 'limit' | 'offset' | 'fences'>

export function fetchTarget (queries: WildcardQueries, target: DnsdbTarget,
  window: Window): ObservationRecord[] {
  if (target.kind === 'rrset') {
    const options = { ...window, rrtypes: target.rrtypes, within: target.bailiwick }
    return queries.byOwner(target.owner, options)
  }
  if (target.kind === 'rdata-name') {
    return queries.byTargetName(target.name, { ...window, rrtypes: target.rrtypes })
  }

  const { rrtype, low, high } = target.range
  return queries.byAddressRange(rrtype, low, high, window)
}
