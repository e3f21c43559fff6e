/**
 * Lookups by name pattern, paged by offset, for the DNSDB-compatible API (DNSDB pages with
 * `offset` and `limit`, not cursors), and the native API's target wildcards, paged by keyset.
 * A name is matched exactly, with its subtree (left-hand wildcard `*.example.com`: one range of
 * the reversed-name index), or by its leading labels (right-hand wildcard `www.example.*`: one
 * range of name_forward, which the name dictionary fills as it adds names).
 */
import type { Database } from 'better-sqlite3'
import { RRTYPE_CODES, type RRType } from '../feeds/observation.js'
import { decodeCursor } from './cursor.js'
import { keysetPage, scopeOf, type Page } from './keyset-page.js'
import { nameKey, suffixRange } from './name-key.js'
import { MX_SPAN } from './rdata-codec.js'
import { StatementCache } from './statement-cache.js'
import {
  FILTERS, SELECT_COLUMNS, TARGET_JOIN, filterParams, toRecord,
  type ObservationRecord, type Row, type TimeFences
} from './record-rows.js'

export type NameMatch =
  | { kind: 'exact', name: string }
  /** The name and every name under it. */
  | { kind: 'subtree', name: string }
  /** Names made of these leading labels (canonical, e.g. `www.example.`) and one or more more. */
  | { kind: 'leading', labels: string }
  | { kind: 'any' }

export interface OffsetOptions {
  /** Undefined: every type. */
  rrtypes?: RRType[]
  fences?: TimeFences
  /** Owner lookups only: the owner must be at or under this name. */
  within?: string
  limit: number
  offset: number
}

export type TargetType = 'NS' | 'CNAME' | 'MX'

/**
 * The name-valued rdata types, and the stored rdata range [low, high] of target name t.
 * `+t.id` has no type affinity: compared with t.id itself, SQLite would apply the column's
 * INTEGER affinity to the untyped rdata and could no longer seek the rdata index.
 */
const TARGET_RDATA: Record<TargetType, [string, string]> = {
  NS: ['+t.id', '+t.id'],
  CNAME: ['+t.id', '+t.id'],
  MX: [`t.id * ${MX_SPAN}`, `t.id * ${MX_SPAN} + ${MX_SPAN - 1}`]
}

const NAME_VALUED_RRTYPES = Object.keys(TARGET_RDATA) as TargetType[]

/** Where a keyset page of target lookups stopped: its last target key, rdata and owner id. */
type TargetCursor = [string, number, number]

export interface KeysetOptions {
  fences?: TimeFences
  limit: number
  cursor?: string
}

/** `www.example.` followed by at least one label: ('www.example.', 'www.example/'). */
function leadingCondition (alias: string, labels: string, params: unknown[]): string[] {
  params.push(labels, `${labels.slice(0, -1)}/`)

  return [`${alias}.id IN (SELECT id FROM name_forward WHERE name > ? AND name < ?)`]
}

function nameCondition (alias: string, match: NameMatch, params: unknown[]): string[] {
  if (match.kind === 'any') return []
  if (match.kind === 'exact') {
    params.push(nameKey(match.name))
    return [`${alias}.name = ?`]
  }
  if (match.kind === 'subtree') {
    params.push(...suffixRange(match.name))
    return [`${alias}.name >= ?`, `${alias}.name < ?`]
  }

  return leadingCondition(alias, match.labels, params)
}

function withinCondition (within: string | undefined, params: unknown[]): string[] {
  if (within === undefined) return []
  params.push(...suffixRange(within))

  return ['n.name >= ?', 'n.name < ?']
}

function where (conditions: string[]): string {
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`
}

export class WildcardQueries {
  readonly #statements: StatementCache

  constructor (db: Database) {
    this.#statements = new StatementCache(db)
  }

  #all (sql: string, params: unknown[]): ObservationRecord[] {
    return this.#statements.all<Row>(sql, params).map(toRecord)
  }

  /** Records owned by the matching names, in name, type and rdata order. */
  byOwner (match: NameMatch, options: OffsetOptions): ObservationRecord[] {
    if (options.rrtypes?.length === 0) return []

    const params: unknown[] = []
    const conditions = [
      ...nameCondition('n', match, params),
      ...withinCondition(options.within, params),
      FILTERS
    ]
    params.push(...filterParams(options.rrtypes, options.fences), options.limit, options.offset)

    return this.#all(`${SELECT_COLUMNS}
      FROM names n
      JOIN observations o ON o.rrname_id = n.id
      ${TARGET_JOIN}
      ${where(conditions)}
      ORDER BY n.name, o.rrtype, o.rdata
      LIMIT ? OFFSET ?`, params)
  }

  /** Records whose rdata names a matching name (NS, CNAME and MX targets). */
  byTargetName (match: NameMatch, options: OffsetOptions): ObservationRecord[] {
    const types = NAME_VALUED_RRTYPES.filter((type) => options.rrtypes?.includes(type) ?? true)
    if (types.length === 0) return []

    const params: unknown[] = []
    const branches = types.map((type) => {
      const targets = nameCondition('t', match, params)
      return this.#targetBranch(type, targets, options.fences, undefined, params)
    })
    params.push(options.limit, options.offset)

    return this.#all(`SELECT * FROM (${branches.join(' UNION ALL ')})
      ORDER BY target_key, rrtype, rdata, rrname_key
      LIMIT ? OFFSET ?`, params)
  }

  /**
   * Records of one name-valued type whose target is the name or a name under it, paged by
   * keyset in the order of the walk (target key, rdata, owner id), so that no page sorts and
   * each page seeks to where the last one stopped.
   */
  byTargetSubtree (rrtype: TargetType, name: string,
    options: KeysetOptions): Page<ObservationRecord> {
    const [low, high] = suffixRange(name)
    const filters = filterParams(undefined, options.fences)
    const scope = scopeOf(`target-subtree-${rrtype}`, [low, high], filters)
    const after = options.cursor === undefined
      ? undefined
      : decodeCursor(scope, options.cursor, ['string', 'number', 'number']) as TargetCursor
    const params: unknown[] = [after?.[0] ?? low, high]
    const branch = this.#targetBranch(rrtype, ['t.name >= ?', 't.name < ?'], options.fences,
      after, params)
    params.push(options.limit + 1)
    const rows = this.#statements.all<Row>(`${branch}
      ORDER BY t.name, o.rdata, o.rrname_id
      LIMIT ?`, params)

    return keysetPage(scope, rows, options.limit,
      (r) => [r.target_key ?? '', Number(r.rdata), r.rrname_id], toRecord)
  }

  /**
   * One name-valued type: the target names t that `targets` selects (its parameters already in
   * `params`), walked in key order, each with its rows in rdata index order: the cursor's own
   * target from just after the cursor, every other target (and every target when there is no
   * cursor: NULL equals no name) from the start of its rdata range.
   */
  #targetBranch (type: TargetType, targets: string[], fences: TimeFences | undefined,
    after: TargetCursor | undefined, params: unknown[]) {
    const [low, high] = TARGET_RDATA[type]
    const [target, rdata, ownerId] = after ?? [null, null, null]
    params.push(RRTYPE_CODES[type], target, rdata, target, ownerId,
      ...filterParams(undefined, fences))

    return `${SELECT_COLUMNS}
      FROM names t
      CROSS JOIN observations o INDEXED BY observations_by_rdata
      JOIN names n ON n.id = o.rrname_id
      ${where([...targets,
        'o.rrtype = ?',
        `(o.rdata, o.rrname_id) > (iif(t.name = ?, ?, ${low}), iif(t.name = ?, ?, -1))`,
        `o.rdata <= ${high}`,
        FILTERS])}`
  }

  /** Records whose address lies in [low, high], in address order. */
  byAddressRange (rrtype: 'A' | 'AAAA', low: Buffer, high: Buffer, options: OffsetOptions) {
    const params: unknown[] = [RRTYPE_CODES[rrtype], low, high,
      ...filterParams(undefined, options.fences), options.limit, options.offset]

    return this.#all(`${SELECT_COLUMNS}
      FROM observations o INDEXED BY observations_by_rdata
      JOIN names n ON n.id = o.rrname_id
      ${TARGET_JOIN}
      WHERE o.rrtype = ? AND o.rdata BETWEEN ? AND ? AND ${FILTERS}
      ORDER BY o.rdata, o.rrname_id
      LIMIT ? OFFSET ?`, params)
  }
}
