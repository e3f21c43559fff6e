/** Newly observed domains, in the order the feed first reported them. */
import type { Database, Statement } from 'better-sqlite3'
import { decodeCursor, encodeCursor } from './cursor.js'
import { nameFromKey } from './name-key.js'
import type { Page } from './observation-queries.js'

export interface NewDomainRecord {
  domain: string
  first_seen: number
  nameserver: string
  count: number
}

export interface NewDomainWindow {
  since: number
  until: number
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

const SELECT_WINDOW = `
  SELECT
    d.domain_id,
    dn.name AS domain_key,
    ns.name AS nameserver_key,
    d.first_seen,
    d.count
  FROM new_domains d
  JOIN names dn ON dn.id = d.domain_id
  JOIN names ns ON ns.id = d.nameserver_id
  WHERE d.first_seen >= ?
    AND d.first_seen < ?`

export class NewDomainQueries {
  readonly #selectWindow: Statement
  readonly #selectWindowAfter: Statement

  constructor (db: Database) {
    this.#selectWindow = db.prepare(`${SELECT_WINDOW}
      ORDER BY d.first_seen, d.domain_id
      LIMIT ?`)
    this.#selectWindowAfter = db.prepare(`${SELECT_WINDOW}
        AND (d.first_seen, d.domain_id) > (?, ?)
      ORDER BY d.first_seen, d.domain_id
      LIMIT ?`)
  }

  inWindow (window: NewDomainWindow): Page<NewDomainRecord> {
    const scope = `new-domains\u0000${window.since}\u0000${window.until}`
    const rows = (window.cursor === undefined
      ? this.#selectWindow.all(window.since, window.until, window.limit + 1)
      : this.#selectWindowAfter.all(window.since, window.until,
        ...decodeCursor(scope, window.cursor, ['number', 'number']), window.limit + 1)) as Row[]
    const more = rows.length > window.limit
    const shown = more ? rows.slice(0, window.limit) : rows
    const last = shown[shown.length - 1]
    const page: Page<NewDomainRecord> = {
      records: shown.map((row) => ({
        domain: nameFromKey(row.domain_key),
        first_seen: row.first_seen,
        nameserver: nameFromKey(row.nameserver_key),
        count: row.count
      }))
    }
    if (more && last !== undefined) {
      page.nextCursor = encodeCursor(scope, [last.first_seen, last.domain_id])
    }

    return page
  }
}
