/**
 * TXT search: records whose text contains, starts with or is a given text, in rdata order.
 * TXT rows are one range of observations_by_rdata (rrtype 16); a prefix or a whole value is a
 * narrower range of it, but a text anywhere inside a record cannot use a B-tree, so that is a
 * scan of every TXT entry. Each call therefore examines at most `scanLimit` index entries from
 * its cursor: a page that reaches that bound before it fills ends there, says so, and carries
 * a cursor that continues the scan.
 *
 * TODO(search): a text inside a record is a scan of every TXT row (README, Known limitations);
 * a trigram index of the TXT strings (an FTS5 trigram table, or our own n-gram table) would
 * make it a lookup, at the cost of several times the TXT rows' size and a write per n-gram.
 */
import type { Database } from 'better-sqlite3'
import { RRTYPE_CODES } from '../feeds/observation.js'
import { decodeCursor, encodeCursor, heldRdata, type CursorValue } from './cursor.js'
import { keysetPage, scopeOf, type Page } from './keyset-page.js'
import { LongRdata } from './long-rdata.js'
import { nameRange } from './name-key.js'
import { StatementCache } from './statement-cache.js'
import {
  FILTERS, SELECT_COLUMNS, TARGET_JOIN, filterParams, toRecord,
  type ObservationRecord, type Row, type TimeFences
} from './record-rows.js'
import { asciiLower, occursWhole, storedTxtText } from './txt-needle.js'

export type TxtMatch =
  /** The text anywhere inside one string of the record; ignoreCase folds A-Z only. */
  | { kind: 'contains', text: string, ignoreCase: boolean }
  /** The text at the start of the record's first string. */
  | { kind: 'prefix', text: string }
  /** The whole rdata in presentation form, as the API shows it. */
  | { kind: 'exact', rdata: string }

export interface TxtSearch {
  match: TxtMatch
  /** Only records of this name, or with subtree of it and every name under it. */
  owner?: { name: string, subtree: boolean }
  fences?: TimeFences
  limit: number
  cursor?: string
  /** The most index entries one call examines. */
  scanLimit: number
}

export interface TxtPage extends Page<ObservationRecord> {
  /** The page ended at the scan bound, not at `limit` or the last match: follow the cursor. */
  scanLimited: boolean
}

interface EntryKey {
  rdata: string
  rrname_id: number
}

/** An entry's place in the index, which a cursor continues after (a long text held in part). */
const keyOf = (entry: Pick<Row, 'rrname_id' | 'rdata'>): CursorValue[] =>
  [heldRdata(entry.rdata), entry.rrname_id]

/** Past every stored text: UTF-8 never holds the byte 0xff. */
const PAST_ALL_TEXT = Buffer.from([0xff])

/** Below every name id (ids start at 1): the key before the first entry of a range. */
const BEFORE_ANY_ID = -1

/**
 * The range's index entries after a key, in index order. The cursor and the range's start are
 * one row-value bound: adding a separate `rdata >= ?` makes SQLite seek to that one instead
 * and walk every entry up to the cursor. The end is bytes cast to text, since the first key
 * past a prefix need not be valid UTF-8.
 */
const ENTRIES_AFTER = `
  SELECT rdata, rrname_id
  FROM observations INDEXED BY observations_by_rdata
  WHERE rrtype = ${RRTYPE_CODES.TXT}
    AND (rdata, rrname_id) > (?, ?)
    AND rdata < CAST(? AS TEXT)
  ORDER BY rdata, rrname_id`

/** Where the text must occur; a prefix or a whole value needs nothing beyond its range. */
const CONDITIONS = {
  caseSensitive: 'instr(w.rdata, ?) > 0 AND txt_occurs_whole(w.rdata, ?) AND',
  ignoringCase: 'instr(lower(w.rdata), ?) > 0 AND txt_occurs_whole(lower(w.rdata), ?) AND',
  none: ''
}

const HITS = (condition: string) => `${SELECT_COLUMNS}
  FROM (${ENTRIES_AFTER} LIMIT ?) w
  JOIN names n ON n.id = w.rrname_id
  JOIN observations o
    ON o.rrname_id = w.rrname_id AND o.rrtype = ${RRTYPE_CODES.TXT} AND o.rdata = w.rdata
  ${TARGET_JOIN}
  WHERE ${condition} n.name >= ? AND n.name < ? AND ${FILTERS}
  ORDER BY w.rdata, w.rrname_id
  LIMIT ?`

/** The last entry a full window examines, and whether any entry follows it. */
const WINDOW_END = `${ENTRIES_AFTER} LIMIT 2 OFFSET ?`

/** [low, high) of the stored rdata a match can be in; high as UTF-8 bytes. */
function rdataRange (match: TxtMatch): [string, Buffer] {
  if (match.kind === 'contains') return ['', PAST_ALL_TEXT]
  if (match.kind === 'exact') {
    return [match.rdata, Buffer.concat([Buffer.from(match.rdata), Buffer.from([0])])]
  }
  const low = `"${storedTxtText(match.text)}`
  const high = Buffer.from(low)
  // The first key past every text starting with `low`: its last byte plus one (never 0xff).
  high[high.length - 1] = (high[high.length - 1] ?? 0) + 1

  return [low, high]
}

function conditionOf (match: TxtMatch): { sql: string, params: string[] } {
  if (match.kind !== 'contains') return { sql: CONDITIONS.none, params: [] }
  const stored = storedTxtText(match.ignoreCase ? asciiLower(match.text) : match.text)

  return {
    sql: match.ignoreCase ? CONDITIONS.ignoringCase : CONDITIONS.caseSensitive,
    params: [stored, stored]
  }
}

export class TxtSearchQueries {
  readonly #statements: StatementCache
  readonly #snapshot: (read: () => TxtPage) => TxtPage
  readonly #longRdata: LongRdata

  constructor (db: Database) {
    this.#statements = new StatementCache(db)
    this.#longRdata = new LongRdata(db)
    db.function('txt_occurs_whole', { deterministic: true },
      (rdata, text) => occursWhole(String(rdata), String(text)) ? 1 : 0)
    // The hits and the window's end are read from one snapshot, so that a write between the
    // two cannot move the end of the window over entries already examined.
    this.#snapshot = db.transaction((read: () => TxtPage) => read())
  }

  search (search: TxtSearch): TxtPage {
    const [low, high] = rdataRange(search.match)
    const condition = conditionOf(search.match)
    const owners = search.owner === undefined
      ? nameRange('.', 'include')
      : nameRange(search.owner.name, search.owner.subtree ? 'include' : undefined)
    const filters = filterParams(undefined, search.fences)
    // Folded and exact matching of one text differ: ignore_case is in the scope (added only
    // when set, so that the cursors of case-sensitive searches stay what they were).
    const folded = search.match.kind === 'contains' && search.match.ignoreCase ? ['folded'] : []
    const scope = scopeOf('txt', [search.match.kind, ...folded, low, high, ...condition.params,
      ...owners], filters)
    const start = search.cursor === undefined
      ? [low, BEFORE_ANY_ID]
      : this.#resumeKey(scope, search.cursor)

    return this.#snapshot(() => {
      const rows = this.#statements.all<Row>(HITS(condition.sql), [...start, high,
        search.scanLimit, ...condition.params, ...owners, ...filters, search.limit + 1])

      // A page filled inside the window continues after its last record.
      return rows.length > search.limit
        ? { ...keysetPage(scope, rows, search.limit, keyOf, toRecord), scanLimited: false }
        : this.#windowPage(scope, rows, start, high, search.scanLimit)
    })
  }

  /** The index entry a cursor continues after, a long text found again whole. */
  #resumeKey (scope: string, cursor: string): CursorValue[] {
    const [rdata, ownerId] = decodeCursor(scope, cursor, ['long-rdata', 'number']) as
      [CursorValue, number]

    return [this.#longRdata.ofId(rdata, ownerId, RRTYPE_CODES.TXT), ownerId]
  }

  /** Every match of the window is on the page: it continues after the window, if any follows. */
  #windowPage (scope: string, rows: Row[], start: unknown[], high: Buffer,
    scanLimit: number): TxtPage {
    const [end, beyond] = this.#statements.all<EntryKey>(WINDOW_END, [...start, high,
      scanLimit - 1])
    const page: TxtPage = { records: rows.map(toRecord), scanLimited: beyond !== undefined }
    if (end !== undefined && beyond !== undefined) {
      page.nextCursor = encodeCursor(scope, keyOf(end))
    }

    return page
  }
}
