/**
 * Follows a list over a real socket by its Link headers, as a client would: inject() does not
 * go through Node's header limit, so only this shows that every next page can be asked for.
 */
import type { Test } from 'tap'
import { httpGet } from './http-get.js'

export interface LinkWalk {
  records: Array<Record<string, unknown>>
  cursors: string[]
}

/** Every page from a first path on, each next one asked by its Link header. */
export async function walkLinks (t: Test, port: number, first: string): Promise<LinkWalk> {
  const walked: LinkWalk = { records: [], cursors: [] }
  let path: string | undefined = first
  while (path !== undefined) {
    const answer = await httpGet(port, path)
    if (answer.statusCode !== 200) {
      t.fail(`${answer.statusCode} for a ${path.length}-character path: ${answer.body.slice(0, 300)}`)
      break
    }
    const page = JSON.parse(answer.body)
    walked.records.push(...page.records)
    const link = answer.headers.link as string | undefined
    path = link?.match(/^<([^>]*)>; rel="next"$/)?.[1]
    t.equal(path === undefined, page.next_cursor === null, 'a Link header when cut')
    if (page.next_cursor !== null) walked.cursors.push(page.next_cursor)
    if (walked.cursors.length > 100) throw new Error('paging does not end')
  }

  return walked
}
