/**
 * Newly observed domains in a time window, optionally only those first seen delegated to a
 * nameserver (or to any nameserver under a name) and only those under a suffix. Paged by
 * keyset; each filter has the plan that walks the fewest rows (see each statement). A cursor
 * is bound to the window as given (a window relative to now is fixed by the API, see
 * api/paging-clock.ts).
 */
import type { Database, Statement } from 'better-sqlite3'
import { decodeCursor } from './cursor.js'
import { keysetPage, scopeOf, type Page } from './keyset-page.js'
import { nameFromKey, nameRange, suffixRange } from './name-key.js'
import { StatementCache } from './statement-cache.js'

export interface NewDomainRecord {
  domain: string
  first_seen: number
  nameserver: string
  count: number
}

export interface NewDomainFilter {
  since: number
  until: number
  /** A nameserver, or with `subdomains` a name and every nameserver at or under it. */
  nameserver?: { name: string, subdomains?: 'include' }
  /** Only domains at or under this name (a top-level domain, or any zone). */
  suffix?: string
  limit: number
  cursor?: string
}

interface Row {
  domain_id: number
  domain_key: string
  nameserver_key: string
  first_seen: number
  count: number
}

/**
 * Up to this many names under a suffix, the suffix's names are walked and their new domains
 * sorted by time (a few milliseconds); past it, the window is walked in time order and rows
 * outside the suffix are skipped, which stops as soon as a page is full.
 */
export const SUFFIX_WALK_MAX_NAMES = 10_000

/** Lists whose walk is kept for their later pages; past it, the oldest is dropped. */
const KEPT_WALKS_MAX = 1_024

const COLUMNS = `
  SELECT
    d.domain_id,
    dn.name AS domain_key,
    ns.name AS nameserver_key,
    d.first_seen,
    d.count`

/**
 * Time order, (first_seen, domain_id), starting after the cursor or, on the first page, after
 * (since, -1): domain ids are positive, so that is every row from since on, and one lower bound
 * lets SQLite seek to it instead of walking the window from since on every page.
 */
const AFTER_IN_TIME_ORDER = `
  (d.first_seen, d.domain_id) > (?, ?)
  AND d.first_seen < ?
  AND dn.name >= ? AND dn.name < ?
  ORDER BY d.first_seen, d.domain_id
  LIMIT ?`

/** Every new domain in the window, walked in time order; suffixes are skipped past. */
const BY_WINDOW = `${COLUMNS}
  FROM new_domains d INDEXED BY new_domains_by_first_seen
  JOIN names dn ON dn.id = d.domain_id
  JOIN names ns ON ns.id = d.nameserver_id
  WHERE ${AFTER_IN_TIME_ORDER}`

/** The names under a small suffix, each looked up as a new domain, then sorted by time. */
const BY_SUFFIX = `${COLUMNS}
  FROM names dn
  CROSS JOIN new_domains d ON d.domain_id = dn.id
  JOIN names ns ON ns.id = d.nameserver_id
  WHERE ${AFTER_IN_TIME_ORDER}`

/**
 * The nameservers in a key range, in key order, each with its new domains in time order
 * (new_domains_by_nameserver): ordered by (nameserver, first_seen, domain_id), so no page
 * sorts. Each nameserver's rows start after (since, -1), but the cursor's own nameserver's
 * rows start after the cursor, and the walk starts at the cursor's nameserver.
 */
const BY_NAMESERVER = `${COLUMNS}
  FROM names ns
  CROSS JOIN new_domains d INDEXED BY new_domains_by_nameserver ON d.nameserver_id = ns.id
  JOIN names dn ON dn.id = d.domain_id
  WHERE ns.name >= ? AND ns.name < ?
    AND (d.first_seen, d.domain_id) > (iif(ns.name = ?, ?, ?), iif(ns.name = ?, ?, -1))
    AND d.first_seen < ?
    AND dn.name >= ? AND dn.name < ?
  ORDER BY ns.name, d.first_seen, d.domain_id
  LIMIT ?`

function toRecord (row: Row): NewDomainRecord {
  return {
    domain: nameFromKey(row.domain_key),
    first_seen: row.first_seen,
    nameserver: nameFromKey(row.nameserver_key),
    count: row.count
  }
}

export class NewDomainQueries {
  readonly #statements: StatementCache
  readonly #countNamesUnder: Statement
  readonly #suffixWalkMaxNames: number
  readonly #smallSuffixByScope = new Map<string, boolean>()

  constructor (db: Database, suffixWalkMaxNames = SUFFIX_WALK_MAX_NAMES) {
    this.#statements = new StatementCache(db)
    this.#countNamesUnder = db.prepare(`
      SELECT count(*)
      FROM (SELECT 1 FROM names WHERE name >= ? AND name < ? LIMIT ?)
    `).pluck()
    this.#suffixWalkMaxNames = suffixWalkMaxNames
  }

  find (filter: NewDomainFilter): Page<NewDomainRecord> {
    const domains = suffixRange(filter.suffix ?? '.')
    if (filter.nameserver === undefined) return this.#inTimeOrder(filter, domains)

    return this.#byNameserver(filter, filter.nameserver, domains)
  }

  #inTimeOrder (filter: NewDomainFilter, domains: [string, string]): Page<NewDomainRecord> {
    const { since, until } = filter
    const scope = scopeOf('new-domains', domains, [since, until])
    const after = filter.cursor === undefined
      ? [since, -1]
      : decodeCursor(scope, filter.cursor, ['number', 'number'])
    const sql = this.#isSmall(filter, scope, domains) ? BY_SUFFIX : BY_WINDOW
    const rows = this.#statements.all<Row>(sql, [...after, until, ...domains, filter.limit + 1])

    return keysetPage(scope, rows, filter.limit, (r) => [r.first_seen, r.domain_id], toRecord)
  }

  /**
   * Decided on a list's first page and kept, by the scope its cursors are bound to, for the
   * later ones: counting costs up to SUFFIX_WALK_MAX_NAMES index steps, which a stream of many
   * pages paid again on each. The cursor does not carry the decision, so cursors already given
   * out keep working. Both walks answer the same rows in the same order, so a decision gone
   * stale while a suffix grows costs time, never a wrong page, and the next first page decides
   * afresh; a page whose decision was dropped counts again.
   */
  #isSmall (filter: NewDomainFilter, scope: string, domains: [string, string]): boolean {
    if (filter.suffix === undefined) return false
    const kept = filter.cursor === undefined ? undefined : this.#smallSuffixByScope.get(scope)
    if (kept !== undefined) return kept

    const names = this.#countNamesUnder.get(...domains, this.#suffixWalkMaxNames + 1) as number
    const small = names <= this.#suffixWalkMaxNames
    this.#keep(scope, small)

    return small
  }

  #keep (scope: string, small: boolean): void {
    this.#smallSuffixByScope.delete(scope)
    this.#smallSuffixByScope.set(scope, small)
    if (this.#smallSuffixByScope.size <= KEPT_WALKS_MAX) return
    const oldest = this.#smallSuffixByScope.keys().next().value
    if (oldest !== undefined) this.#smallSuffixByScope.delete(oldest)
  }

  #byNameserver (filter: NewDomainFilter, nameserver: NonNullable<NewDomainFilter['nameserver']>,
    domains: [string, string]): Page<NewDomainRecord> {
    const { since, until } = filter
    const [low, high] = nameRange(nameserver.name, nameserver.subdomains)
    const scope = scopeOf('new-domains-by-nameserver', [low, high, ...domains], [since, until])
    const after = filter.cursor === undefined
      ? []
      : decodeCursor(scope, filter.cursor, ['string', 'number', 'number']) as
        [string, number, number]
    // On the first page no nameserver resumes after a cursor: NULL equals no name.
    const [resume, firstSeen, domainId] = after.length === 0 ? [null, null, null] : after
    const rows = this.#statements.all<Row>(BY_NAMESERVER, [resume ?? low, high,
      resume, firstSeen, since, resume, domainId, until, ...domains, filter.limit + 1])

    return keysetPage(scope, rows, filter.limit,
      (r) => [r.nameserver_key, r.first_seen, r.domain_id], toRecord)
  }
}
