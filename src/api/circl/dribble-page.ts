/**
 * One page of a CIRCL query. The page size comes from dribble-paginate-count, the position
 * from dribble-paginate-cursor (a number the registry maps back to a keyset cursor), and a
 * page with more after it carries the next number in x-dribble-cursor; the last page has none.
 */
import type { RRType } from '../../feeds/observation.js'
import type { ObservationRecord, Page } from '../../store/observation-queries.js'
import type { Store } from '../../store/store.js'
import { parseRrtypeChoice } from '../dnsdb/rrtype-choice.js'
import { subjectScope, type CirclSubject } from './circl-subject.js'
import type { CursorRegistry } from './cursor-registry.js'

export interface DribbleRequest {
  count: number
  cursor?: number
  filter?: string
}

export interface DribblePage {
  records: ObservationRecord[]
  nextCursor?: number
}

/** PyPDNS: a filter that is not a valid type gives an empty answer, not an error. */
function filterTypes (filter: string | undefined): RRType[] | undefined {
  try {
    return parseRrtypeChoice(filter)
  } catch {
    return []
  }
}

function storePage (store: Store, subject: CirclSubject, rrtypes: RRType[] | undefined,
  paging: { limit: number, cursor?: string }): Page<ObservationRecord> {
  if (rrtypes?.length === 0) return { records: [] }
  if (subject.kind === 'name') {
    return store.observations.byName(subject.name, { ...paging, rrtypes })
  }

  const { rrtype, low, high } = subject.range
  if (rrtypes !== undefined && !rrtypes.includes(rrtype)) return { records: [] }
  return store.observations.byRdata(rrtype, low, high, paging)
}

export function dribblePage (store: Store, registry: CursorRegistry, subject: CirclSubject,
  request: DribbleRequest): DribblePage {
  const scope = subjectScope(subject, request.filter ?? '')
  const cursor = request.cursor === undefined ? undefined : registry.redeem(scope, request.cursor)
  const page = storePage(store, subject, filterTypes(request.filter),
    { limit: request.count, cursor })
  if (page.nextCursor === undefined) return { records: page.records }

  return { records: page.records, nextCursor: registry.issue(scope, page.nextCursor) }
}
