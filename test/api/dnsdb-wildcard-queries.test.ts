import t from 'tap'
import type { ObservationRecord } from '../../src/store/observation-queries.js'
import { WildcardQueries, type NameMatch } from '../../src/store/wildcard-queries.js'
import { batchOf, obs, tempStore } from '../helpers/temp-store.js'

const T0 = 1467700000
const ALL = { limit: 100, offset: 0 }

function rows (records: ObservationRecord[]): string[] {
  return records.map((r) => `${r.rrname} ${r.rrtype} ${r.rdata}`)
}

t.test('right-hand wildcards match leading labels followed by one or more labels', async (t) => {
  const store = tempStore(t)
  store.write(batchOf([
    obs('www.example.com.', 'A', '192.0.2.1', T0),
    obs('www.example.co.uk.', 'A', '192.0.2.2', T0),
    obs('www.example.', 'A', '192.0.2.3', T0),
    obs('www.examplex.com.', 'A', '192.0.2.4', T0),
    obs('a.www.example.com.', 'A', '192.0.2.5', T0),
    obs('first\\.last.example.com.', 'MX', 'www.example.net.', T0)
  ]))
  const queries = new WildcardQueries(store.db)
  const leading: NameMatch = { kind: 'leading', labels: 'www.example.' }

  t.same(rows(queries.byOwner(leading, ALL)),
    ['www.example.com. A 192.0.2.1', 'www.example.co.uk. A 192.0.2.2'])
  t.same(rows(queries.byTargetName(leading, ALL)),
    ['first\\.last.example.com. MX www.example.net.'])
})

t.test('a name written later is found by a right-hand wildcard at once', async (t) => {
  const store = tempStore(t)
  const queries = new WildcardQueries(store.db)
  store.write(batchOf([obs('www.example.early.', 'A', '192.0.2.1', T0)]))
  store.write(batchOf([obs('www.example.late.', 'A', '192.0.2.9', T0)]))
  const found = queries.byOwner({ kind: 'leading', labels: 'www.example.' }, ALL)
  t.same(rows(found), ['www.example.early. A 192.0.2.1', 'www.example.late. A 192.0.2.9'])
})
