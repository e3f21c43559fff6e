/**
 * `npm run bench:plans`: the page times of the range lookups on a generated store of
 * BENCH_PLAN_SIZE observations (default 1M; the first NS of every zone is also reported as a
 * new domain). Each lookup is timed on its first page and on a page deep in its list, reached
 * by cursor: a plan that walks from the start of its range on every page shows as a deep page
 * far slower than the first. The plans themselves are checked by test/store/query-plans.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { NewDomainFilter } from '../src/store/new-domain-queries.js'
import { Store } from '../src/store/store.js'
import { WildcardQueries } from '../src/store/wildcard-queries.js'
import { ObservationGenerator } from './gen/generator.js'
import { loadSeedPools } from './gen/seed-pools.js'

interface Paged {
  records: unknown[]
  nextCursor?: string
}

type Lookup = (limit: number, cursor?: string) => Paged

const BATCH = 50_000
const PAGE = 100
const RUNS = 20
const DEEP_ROWS = 50_000

function fill (store: Store, size: number): void {
  const gen = new ObservationGenerator(loadSeedPools())
  for (let start = 0; start < size; start += BATCH) {
    const observations = []
    const newDomains = []
    for (let i = start; i < Math.min(size, start + BATCH); i++) {
      const { rrname, rrtype, rdata, timeSeen } = gen.observation(i)
      observations.push({ rrname, rrtype, rdata, timeSeen })
      if (i % 4 === 0 && rrtype === 'NS') {
        newDomains.push({ domain: rrname, nameserver: rdata, firstSeen: timeSeen })
      }
    }
    store.write({ observations, newDomains, rejects: [], offsets: [] })
  }
}

function medianMs (run: () => unknown): number {
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now()
    run()
    times.push(performance.now() - started)
  }

  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] as number
}

/** The cursor after about `rows` records (or the last page's), and how many it skips. */
function deepCursor (lookup: Lookup, rows: number): [string | undefined, number] {
  let cursor: string | undefined
  let skipped = 0
  while (skipped < rows) {
    const page = lookup(1000, cursor)
    if (page.nextCursor === undefined) break
    cursor = page.nextCursor
    skipped += page.records.length
  }

  return [cursor, skipped]
}

function measure (name: string, lookup: Lookup): void {
  const first = medianMs(() => lookup(PAGE))
  const [cursor, skipped] = deepCursor(lookup, DEEP_ROWS)
  const deep = medianMs(() => lookup(PAGE, cursor))
  console.log(`${name.padEnd(44)} first page ${first.toFixed(2).padStart(8)} ms   ` +
    `after ${String(skipped).padStart(6)} rows ${deep.toFixed(2).padStart(8)} ms`)
}

function busiestNameserver (store: Store): string {
  const key = store.db.prepare(`
    SELECT ns.name FROM new_domains d JOIN names ns ON ns.id = d.nameserver_id
    GROUP BY d.nameserver_id ORDER BY count(*) DESC LIMIT 1`).pluck().get() as string

  return `${key.slice(0, -1).split('.').reverse().join('.')}.`
}

function newDomainLookups (store: Store): Array<[string, Lookup]> {
  const nameserver = busiestNameserver(store)
  const provider = nameserver.split('.').slice(-3).join('.')
  const window = { since: 0, until: 2_000_000_000, asked: '' }
  const under = (name: string) => ({ name, subdomains: 'include' as const })
  const find = (filter: Omit<NewDomainFilter, 'limit' | 'cursor'>): Lookup =>
    (limit, cursor) => store.newDomains.find({ ...filter, limit, cursor })

  return [
    ['new domains, all', find(window)],
    [`new domains, nameserver=${nameserver}`,
      find({ ...window, nameserver: { name: nameserver } })],
    [`new domains, nameserver=*.${provider}`, find({ ...window, nameserver: under(provider) })],
    ['new domains, nameserver=*.com', find({ ...window, nameserver: under('com.') })],
    ['new domains, suffix=com (walks the window)', find({ ...window, suffix: 'com.' })],
    ['new domains, suffix=fail (walks its names)', find({ ...window, suffix: 'fail.' })]
  ]
}

function recordLookups (store: Store): Array<[string, Lookup]> {
  const wildcards = new WildcardQueries(store.db)
  const provider = busiestNameserver(store).split('.').slice(-3).join('.')
  const everyIPv4: [Buffer, Buffer] = [Buffer.alloc(4, 0), Buffer.alloc(4, 255)]

  return [
    [`nameservers/*.${provider}`, (limit, cursor) =>
      wildcards.byTargetSubtree('NS', provider, { limit, cursor })],
    ['nameservers/*.com', (limit, cursor) =>
      wildcards.byTargetSubtree('NS', 'com.', { limit, cursor })],
    ['mx/*.com', (limit, cursor) => wildcards.byTargetSubtree('MX', 'com.', { limit, cursor })],
    ['ips/0.0.0.0-255.255.255.255', (limit, cursor) =>
      store.observations.byRdata('A', ...everyIPv4, { limit, cursor })],
    ['domains/*.com', (limit, cursor) =>
      store.observations.byName('com.', { limit, cursor, subdomains: 'include' })]
  ]
}

function main (): void {
  const size = Number(process.env.BENCH_PLAN_SIZE ?? 1_000_000)
  const dir = mkdtempSync(join(tmpdir(), 'dnsledger-plans-'))
  const store = Store.open(join(dir, 'plans.db'))
  try {
    const started = performance.now()
    fill(store, size)
    const seconds = ((performance.now() - started) / 1000).toFixed(0)
    console.log(`${size} observations stored in ${seconds} s`)
    for (const [name, lookup] of [...newDomainLookups(store), ...recordLookups(store)]) {
      measure(name, lookup)
    }
  } finally {
    store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

main()
