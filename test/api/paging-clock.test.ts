/**
 * The paging clock reads the sent cursor once per request: a stream hands each page's cursor
 * back for its next page, and that one is known without decoding it again. Cursors keep the
 * form clients hold: the store's cursor with the moment of the first page after it.
 */
import t, { type Test } from 'tap'
import * as cursors from '../../src/store/cursor.js'
import type { PageWindow } from '../../src/api/page-reply.js'

const SCOPE = 'test scope'
const ASKED = 1_700_000_000

/** The paging clock with the reading of a stamp counted. */
async function countingClock (t: Test) {
  const reads = { count: 0 }
  const { pagingClock } = await t.mockImport<typeof import('../../src/api/paging-clock.js')>(
    '../../src/api/paging-clock.js', {
      '../../src/store/cursor.js': {
        ...cursors,
        readCursorStamp: (cursor: string) => {
          reads.count += 1
          return cursors.readCursorStamp(cursor)
        }
      }
    })

  return { pagingClock, reads }
}

/** A list of `pages` pages whose cursors are the store's, numbered. */
function storeList (pages: number, seen: Array<string | undefined>) {
  return (window: PageWindow) => {
    seen.push(window.cursor)
    const at = window.cursor === undefined ? 0 : Number(cursors.decodeCursor(SCOPE,
      window.cursor, ['number'])[0])
    const nextCursor = at + 1 < pages ? cursors.encodeCursor(SCOPE, [at + 1]) : undefined

    return { records: [at], nextCursor }
  }
}

/** Pages as a stream reads them: each page's cursor asks for the next. */
function walk (source: (window: PageWindow) => { nextCursor?: string }, cursor?: string) {
  const handed: string[] = []
  let next = source({ limit: 1, cursor }).nextCursor
  while (next !== undefined) {
    handed.push(next)
    next = source({ limit: 1, cursor: next }).nextCursor
  }

  return handed
}

t.test('a streamed list with a relative time reads its sent cursor once', async (t) => {
  const { pagingClock, reads } = await countingClock(t)
  const sent = cursors.stampCursor(cursors.encodeCursor(SCOPE, [1]), ASKED)
  const seen: Array<string | undefined> = []
  const clock = pagingClock(sent, true)
  const handed = walk(clock.pages(storeList(5, seen)), sent)

  t.equal(clock.now, ASKED, 'relative times are read against the first page\'s moment')
  t.equal(reads.count, 1, 'the stamp is read once, for the whole request')
  t.same(seen, [1, 2, 3, 4].map((at) => cursors.encodeCursor(SCOPE, [at])),
    'the store is given its own cursors')
  t.same(handed, [2, 3, 4].map((at) => cursors.stampCursor(cursors.encodeCursor(SCOPE, [at]),
    ASKED)), 'every cursor handed out carries the moment, in the form clients hold')
})

t.test('a list without a relative time hands out the store\'s cursors as they are',
  async (t) => {
    const { pagingClock, reads } = await countingClock(t)
    const seen: Array<string | undefined> = []
    const handed = walk(pagingClock(undefined, false).pages(storeList(3, seen)))

    t.equal(reads.count, 0, 'no cursor was sent, none is read')
    t.same(handed, [1, 2].map((at) => cursors.encodeCursor(SCOPE, [at])))
    t.same(seen, [undefined, ...handed])
  })

t.test('a cursor the clock did not hand out is still read', async (t) => {
  const { pagingClock } = await countingClock(t)
  const seen: Array<string | undefined> = []
  const source = pagingClock(undefined, true).pages(storeList(5, seen))
  const other = cursors.stampCursor(cursors.encodeCursor(SCOPE, [3]), ASKED)
  source({ limit: 1, cursor: other })

  t.same(seen, [cursors.encodeCursor(SCOPE, [3])])
})
