/**
 * CIRCL's pagination hands out whole numbers (PyPDNS reads x-dribble-cursor with int()), while
 * dnsledger's keyset cursors are strings. So the server keeps each keyset cursor it hands out
 * under a random number, for a while, bound to the query it came from: paging then still
 * never skips or repeats a record, whatever the feed writes meanwhile. The cost is state: a
 * number is forgotten after CURSOR_TTL_MS, when MAX_CURSORS newer ones were issued, or when
 * the service restarts; a forgotten one is a 400 that says to start again.
 */
import { randomInt } from 'node:crypto'
import { DnsledgerError } from '../../errors.js'

export const CURSOR_TTL_MS = 15 * 60_000
export const MAX_CURSORS = 10_000

/** Below 2^48, randomInt's ceiling, and far from 0, which PyPDNS takes for "no cursor". */
const ID_CEILING = 2 ** 47

interface Entry {
  scope: string
  cursor: string
  expiresAt: number
}

export class CursorRegistry {
  readonly #entries = new Map<number, Entry>()
  readonly #now: () => number

  constructor (now: () => number = Date.now) {
    this.#now = now
  }

  issue (scope: string, cursor: string): number {
    this.#forgetOld()
    let id = randomInt(1, ID_CEILING)
    while (this.#entries.has(id)) id = randomInt(1, ID_CEILING)
    this.#entries.set(id, { scope, cursor, expiresAt: this.#now() + CURSOR_TTL_MS })

    return id
  }

  /** The keyset cursor behind a number; kept, so that a page can be asked for again. */
  redeem (scope: string, id: number): string {
    const entry = this.#entries.get(id)
    if (entry === undefined || entry.expiresAt <= this.#now() || entry.scope !== scope) {
      throw new DnsledgerError('INVALID_CURSOR', `dribble-paginate-cursor ${id} is not one this ` +
        'query was given, or it expired: ask again without the cursor to start over')
    }

    return entry.cursor
  }

  get size (): number {
    return this.#entries.size
  }

  /** Entries are in issue order, which is expiry order: drop from the front. */
  #forgetOld (): void {
    const now = this.#now()
    for (const [id, entry] of this.#entries) {
      if (entry.expiresAt > now && this.#entries.size < MAX_CURSORS) return
      this.#entries.delete(id)
    }
  }
}
