import t from 'tap'
import type { Database, Statement } from 'better-sqlite3'
import { ingestFile } from '../../src/ingest/file-ingest.js'
import { InlineWriter } from '../../src/ingest/inline-writer.js'
import {
  NewDomainQueries, type NewDomainFilter, type NewDomainRecord
} from '../../src/store/new-domain-queries.js'
import { FIXTURE_FILES } from '../helpers/store-check.js'
import { tempStore } from '../helpers/temp-store.js'

type Query = Omit<NewDomainFilter, 'limit' | 'cursor'>

/** Every page, taking turns between `walks`: a cursor does not depend on the walk. */
function everything (walks: NewDomainQueries[], query: Query, limit: number, from?: string) {
  const records: NewDomainRecord[] = []
  let cursor = from
  let turn = 0
  do {
    const walk = walks[turn++ % walks.length] as NewDomainQueries
    const page = walk.find({ ...query, limit, cursor })
    records.push(...page.records)
    cursor = page.nextCursor
  } while (cursor !== undefined)

  return records
}

const store = tempStore(t)
await ingestFile(new InlineWriter(store), 'spamhaus_new_domains', FIXTURE_FILES.spamhaus_new_domains as string)
const walkNames = new NewDomainQueries(store.db, Number.MAX_SAFE_INTEGER)
const walkWindow = new NewDomainQueries(store.db, 0)
const window = { since: 1467676800, until: 1468540800 }

t.test('a suffix gives the same list whether its names or the window are walked', async (t) => {
  for (const suffix of ['gov.', 'edu.', 'mil.', 'example.co.uk.', '.']) {
    const query = { ...window, suffix }
    const whole = everything([walkNames], query, 10_000)
    t.same(everything([walkWindow], query, 10_000), whole, `${suffix}: ${whole.length} domains`)
  }
})

t.test('every page size gives that list, from either walk and from both in turn', async (t) => {
  for (const suffix of ['gov.', 'mil.', 'example.co.uk.']) {
    const query = { ...window, suffix }
    const whole = JSON.stringify(everything([walkNames], query, 10_000))
    const wrong: number[] = []
    for (let limit = 1; limit <= JSON.parse(whole).length + 1; limit++) {
      const walks = [[walkNames], [walkWindow], [walkNames, walkWindow]]
      if (!walks.every((walk) => JSON.stringify(everything(walk, query, limit)) === whole)) {
        wrong.push(limit)
      }
    }
    t.same(wrong, [], suffix)
  }
})

/** The database, with a count of the runs of the statement that counts names under a suffix. */
function countingNames (db: Database) {
  const counted = { runs: 0 }
  const prepare = (sql: string): Statement => {
    const statement = db.prepare(sql)
    if (!sql.includes('count(*)')) return statement
    const get = statement.get.bind(statement)
    statement.get = (...params: unknown[]) => {
      counted.runs++

      return get(...params)
    }

    return statement
  }

  const counting = new Proxy(db, {
    get: (target, key) => key === 'prepare' ? prepare : Reflect.get(target, key)
  })

  return { counted, db: counting }
}

t.test('the names under a suffix are counted on a list\'s first page, not on each', async (t) => {
  const { counted, db } = countingNames(store.db)
  const queries = new NewDomainQueries(db)
  const query = { ...window, suffix: 'gov.' }
  const whole = everything([walkNames], query, 10_000)
  t.ok(whole.length > 3, 'a list of several pages')

  t.same(everything([queries], query, 1), whole)
  t.equal(counted.runs, 1, 'counted once for its pages')
  everything([queries], query, 2)
  t.equal(counted.runs, 2, 'a new list decides afresh')
})

t.test('a page whose list this process has not begun counts and pages on', async (t) => {
  const query = { ...window, suffix: 'gov.' }
  const first = walkNames.find({ ...query, limit: 1 })
  const { counted, db } = countingNames(store.db)
  const queries = new NewDomainQueries(db)
  const rest = everything([queries], query, 1, first.nextCursor)
  t.same([...first.records, ...rest], everything([walkNames], query, 10_000))
  t.equal(counted.runs, 1)
})
