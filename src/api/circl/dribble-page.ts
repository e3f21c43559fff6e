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

interface DribbleRequest {
  count: number
  cursor?: number
  filter?: string
}

interface DribblePage {
  records: ObservationRecord[]
  nextCursor?: number
}

/**
 * A type dnsledger does not store is refused, as DNSDB and /v1 refuse it: an empty answer
 * would read as "never seen".
 */
function filterTypes (filter: string | undefined): RRType[] | undefined {
  return parseRrtypeChoice(filter, 'dribble-filter-rrtype')
}

function storePage (store: Store, subject: CirclSubject, rrtypes: RRType[] | undefined,
  paging: { limit: number, cursor?: string }): Page<ObservationRecord> {
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
  const rrtypes = filterTypes(request.filter)
  const page = storePage(store, subject, rrtypes, { limit: request.count, cursor })
  if (page.nextCursor === undefined) return { records: page.records }

  return { records: page.records, nextCursor: registry.issue(scope, page.nextCursor) }
}
