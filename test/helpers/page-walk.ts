/**
 * Walks a paged lookup from its first page to its last by next_cursor, and checks that every
 * page size gives the same records, in the same order, each once.
 */
import type { FastifyInstance } from 'fastify'
import type { Test } from 'tap'

export type Served = Record<string, unknown>

export interface Walk {
  records: Served[]
  pages: number
  /** Pages other than the last one that were not full, or that said they were the last. */
  badPages: number
}

export async function walkPages (app: FastifyInstance, url: string, limit: number): Promise<Walk> {
  const walk: Walk = { records: [], pages: 0, badPages: 0 }
  let cursor: string | null = null
  do {
    const after: string = cursor === null ? '' : `&cursor=${cursor}`
    const res = await app.inject(`${url}${url.includes('?') ? '&' : '?'}limit=${limit}${after}`)
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
    const body = res.json()
    walk.records.push(...body.records)
    walk.pages++
    cursor = body.next_cursor
    if (cursor !== null && (body.records.length !== limit || body.truncated !== true)) {
      walk.badPages++
    }
  } while (cursor !== null)

  return walk
}

/** Every page size from 1 to one past the whole list gives exactly the whole list. */
export async function assertEveryPageSize (t: Test, app: FastifyInstance, url: string,
  whole: Served[]): Promise<void> {
  const wrong: number[] = []
  for (let limit = 1; limit <= whole.length + 1; limit++) {
    const walk = await walkPages(app, url, limit)
    const same = JSON.stringify(walk.records) === JSON.stringify(whole)
    if (!same || walk.badPages > 0 || walk.pages !== Math.max(1, Math.ceil(whole.length / limit))) {
      wrong.push(limit)
    }
  }
  t.same(wrong, [], `${url}: every page size 1..${whole.length + 1} pages through exactly ` +
    `the ${whole.length} records once`)
}
