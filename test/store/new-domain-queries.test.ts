import t from 'tap'
import { ingestFile } from '../../src/ingest/file-ingest.js'
import { InlineWriter } from '../../src/ingest/inline-writer.js'
import {
  NewDomainQueries, type NewDomainFilter, type NewDomainRecord
} from '../../src/store/new-domain-queries.js'
import { FIXTURE_FILES } from '../helpers/store-check.js'
import { tempStore } from '../helpers/temp-store.js'

type Query = Omit<NewDomainFilter, 'limit' | 'cursor'>

/** Every page, taking turns between `walks`: a cursor does not depend on the walk. */
function everything (walks: NewDomainQueries[], query: Query, limit: number) {
  const records: NewDomainRecord[] = []
  let cursor: string | undefined
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
