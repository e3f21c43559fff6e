/**
 * The plans SQLite makes for the range lookups, as EXPLAIN QUERY PLAN tells them: each walks
 * one index range and seeks to where the last page stopped, and none sorts what it walks.
 * The plans depend on the statements, not on the data, so a few rows are enough.
 */
import t, { type Test } from 'tap'
import type { Database } from 'better-sqlite3'
import { NewDomainQueries } from '../../src/store/new-domain-queries.js'
import { StatementCache } from '../../src/store/statement-cache.js'
import { WildcardQueries } from '../../src/store/wildcard-queries.js'
import { batchOf, obs, tempStore } from '../helpers/temp-store.js'

/** The plan of every statement the store runs inside `run`, one line per step. */
function plansOf (db: Database, run: () => unknown): string[] {
  const original = StatementCache.prototype.all
  const plans: string[] = []
  StatementCache.prototype.all = function <T> (this: StatementCache, sql: string,
    params: unknown[]): T[] {
    const explain = db.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    const steps = explain.all(...params) as Array<{ detail: string }>
    plans.push(steps.map((step) => step.detail).join('\n'))
    return original.call(this, sql, params) as T[]
  }
  try {
    run()
  } finally {
    StatementCache.prototype.all = original
  }

  return plans
}

function filled (t: Test) {
  const store = tempStore(t)
  store.write(batchOf([
    obs('a.example.', 'NS', 'ns1.provider.net.', 1467700000),
    obs('a.example.', 'MX', '10 mx.provider.net.', 1467700000),
    obs('www.a.example.', 'CNAME', 'edge.cdn.example.', 1467700000),
    obs('www.a.example.', 'A', '192.0.2.10', 1467700000)
  ], {
    newDomains: [
      { domain: 'a.example.', nameserver: 'ns1.provider.net.', firstSeen: 1467700000 },
      { domain: 'b.xyz.', nameserver: 'ns2.provider.net.', firstSeen: 1467700001 }
    ]
  }))

  return store
}

const WINDOW = { since: 0, until: 2_000_000_000, asked: '', limit: 1 }

/** A range of the names index, as the plan's first step: the outer loop. */
const NAMES_RANGE = (alias: string) => new RegExp(`^SEARCH ${alias} USING COVERING INDEX ` +
  'sqlite_autoindex_names_1 \\(name>\\? AND name<\\?\\)\n')
const BY_NAMESERVER = new RegExp('SEARCH d USING INDEX new_domains_by_nameserver ' +
  '\\(nameserver_id=\\? AND first_seen>\\? AND first_seen<\\?\\)')
const BY_FIRST_SEEN = new RegExp('^SEARCH d USING INDEX new_domains_by_first_seen ' +
  '\\(first_seen>\\? AND first_seen<\\?\\)\n')
/** One lower bound, the cursor's row value, and the range's end. */
const RDATA_AFTER = new RegExp('SEARCH o USING INDEX observations_by_rdata ' +
  '\\(rrtype=\\? AND \\(rdata,rrname_id\\)>\\(\\?,\\?\\) AND rdata<\\?\\)')
const SORT_OR_SCAN = /TEMP B-TREE|SCAN/

t.test('new domains by nameserver: one range of new_domains_by_nameserver per nameserver',
  async (t) => {
    const store = filled(t)
    const queries = new NewDomainQueries(store.db)
    for (const nameserver of [{ name: 'ns1.provider.net.' },
      { name: 'provider.net.', subdomains: 'include' as const }]) {
      const first = queries.find({ ...WINDOW, nameserver })
      const plans = plansOf(store.db, () => queries.find({ ...WINDOW, nameserver }))
      plans.push(...plansOf(store.db, () =>
        queries.find({ ...WINDOW, nameserver, cursor: first.nextCursor })))
      for (const plan of plans) {
        t.match(plan, NAMES_RANGE('ns'))
        t.match(plan, BY_NAMESERVER)
        t.notMatch(plan, SORT_OR_SCAN, 'no sort, no scan')
      }
    }
  })

t.test('new domains in a window: a range of the time index, or the names of a small suffix',
  async (t) => {
    const store = filled(t)
    const [walkWindow] = plansOf(store.db, () => new NewDomainQueries(store.db, 0)
      .find({ ...WINDOW, suffix: 'xyz.' }))
    t.match(walkWindow, BY_FIRST_SEEN)
    t.notMatch(walkWindow, SORT_OR_SCAN)
    const [walkSuffix] = plansOf(store.db, () => new NewDomainQueries(store.db)
      .find({ ...WINDOW, suffix: 'xyz.' }))
    t.match(walkSuffix, NAMES_RANGE('dn'))
    t.match(walkSuffix, /SEARCH d USING INTEGER PRIMARY KEY/)
  })

t.test('target wildcards: the target names in range, each seeking its rdata range', async (t) => {
  const store = filled(t)
  const queries = new WildcardQueries(store.db)
  const patterns = [['NS', 'provider.net.'], ['MX', 'net.'], ['CNAME', 'example.']] as const
  for (const [rrtype, name] of patterns) {
    const first = queries.byTargetSubtree(rrtype, name, { limit: 1 })
    const plans = plansOf(store.db, () => queries.byTargetSubtree(rrtype, name, { limit: 1 }))
    plans.push(...plansOf(store.db, () =>
      queries.byTargetSubtree(rrtype, name, { limit: 1, cursor: first.nextCursor })))
    for (const plan of plans) {
      t.match(plan, NAMES_RANGE('t'))
      t.match(plan, RDATA_AFTER)
      t.notMatch(plan, SORT_OR_SCAN, `${rrtype}: no sort, no scan`)
    }
  }
  const exact = { kind: 'exact', name: 'ns1.provider.net.' } as const
  const [dnsdb] = plansOf(store.db, () =>
    queries.byTargetName(exact, { rrtypes: ['NS'], limit: 10, offset: 0 }))
  t.match(dnsdb, RDATA_AFTER, 'the DNSDB rdata name lookup seeks its target too')
})

t.test('reverse lookups by address range seek to the cursor', async (t) => {
  const store = filled(t)
  const low = Buffer.from([192, 0, 2, 0])
  const high = Buffer.from([192, 0, 2, 255])
  const [plan] = plansOf(store.db, () => store.observations.byRdata('A', low, high, { limit: 1 }))
  t.match(plan, new RegExp(`^${RDATA_AFTER.source}\n`))
  t.notMatch(plan, SORT_OR_SCAN)
})
