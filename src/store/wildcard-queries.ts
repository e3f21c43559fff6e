/**
 * Lookups by name pattern, paged by offset, for the DNSDB-compatible API (DNSDB pages with
 * `offset` and `limit`, not cursors). A name is matched exactly, with its subtree (left-hand
 * wildcard `*.example.com`: one range of the reversed-name index), or by its leading labels
 * (right-hand wildcard `www.example.*`: one range of name_forward, which the name dictionary
 * fills as it adds names).
 */
import type { Database } from 'better-sqlite3'
import { RRTYPE_CODES, type RRType } from '../feeds/observation.js'
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

/** The name-valued rdata types, and how a target name id becomes their stored rdata. */
const TARGET_RDATA: Array<[RRType, string]> = [
  ['NS', 'o.rdata = t.id'],
  ['CNAME', 'o.rdata = t.id'],
  ['MX', `o.rdata BETWEEN t.id * ${MX_SPAN} AND t.id * ${MX_SPAN} + ${MX_SPAN - 1}`]
]

const NAME_VALUED_RRTYPES: RRType[] = TARGET_RDATA.map(([type]) => type)

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
    const branches = types.map((type) => this.#targetBranch(type, match, options, params))
    params.push(options.limit, options.offset)

    return this.#all(`SELECT * FROM (${branches.join(' UNION ALL ')})
      ORDER BY target_key, rrtype, rdata, rrname_key
      LIMIT ? OFFSET ?`, params)
  }

  #targetBranch (type: RRType, match: NameMatch, options: OffsetOptions, params: unknown[]) {
    const join = TARGET_RDATA.find(([candidate]) => candidate === type)?.[1] ?? 'FALSE'
    params.push(RRTYPE_CODES[type])
    const conditions = [...nameCondition('t', match, params), FILTERS]
    params.push(...filterParams(undefined, options.fences))

    return `${SELECT_COLUMNS}
      FROM names t
      JOIN observations o INDEXED BY observations_by_rdata ON o.rrtype = ? AND ${join}
      JOIN names n ON n.id = o.rrname_id
      ${where(conditions)}`
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
