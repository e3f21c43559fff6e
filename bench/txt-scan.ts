/**
 * `node dist/bench/txt-scan.js`: what a TXT text search costs. Builds a store of
 * BENCH_TXT_SIZE observations (default 1M) with the benchmark's generator, whose TXT records
 * (2.5% of rows) are short SPF and verification strings, adds DKIM-sized records (two strings,
 * about 400 characters) to bring TXT to 3%, then times the product's TxtSearchQueries: a text
 * found nowhere (the worst case, every TXT entry examined), with and without ignore_case, in
 * one call and in windows of API_TXT_SCAN_LIMIT sizes, and a prefix search (an index range).
 * Timings are the median of BENCH_TXT_RUNS warm runs (default 5).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Observation } from '../src/feeds/observation.js'
import { Store } from '../src/store/store.js'
import type { TxtMatch } from '../src/store/txt-search-queries.js'
import { ObservationGenerator } from './gen/generator.js'
import { mix } from './gen/hash.js'
import { loadSeedPools } from './gen/seed-pools.js'
import { describeMachine } from './lib/machine.js'
import { log } from './lib/report.js'
import { fillStore } from './lib/store-build.js'

const TXT_SHARE = 0.03
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

function dkimRecord (i: number): Observation {
  const key = Array.from({ length: 392 }, (_, k) => BASE64[mix(i, k) % 64]).join('')

  return {
    rrname: `s${i % 7}._domainkey.dkim-${i.toString(36)}.example.`,
    rrtype: 'TXT',
    rdata: `"v=DKIM1; k=rsa; p=${key.slice(0, 236)}" "${key.slice(236)}"`,
    timeSeen: 1_700_000_000 + i
  }
}

function median (values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0
}

function timeMs (runs: number, work: () => void): number {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint()
    work()
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }

  return median(times)
}

function fill (path: string, size: number): void {
  fillStore(path, new ObservationGenerator(loadSeedPools()), 0, size)
  const store = Store.open(path)
  const txtRows = () => store.db.prepare('SELECT count(*) FROM observations WHERE rrtype = 16')
    .pluck().get() as number
  const missing = Math.round(size * TXT_SHARE) - txtRows()
  for (let from = 0; from < missing; from += 5_000) {
    const count = Math.min(5_000, missing - from)
    const observations = Array.from({ length: count }, (_, k) => dkimRecord(from + k))
    store.write({ observations, newDomains: [], rejects: [], offsets: [] })
  }
  store.close()
}

function measure (store: Store, runs: number): void {
  const stats = store.db.prepare(`SELECT count(*) AS rows, avg(length(rdata)) AS chars
    FROM observations WHERE rrtype = 16`).get() as { rows: number, chars: number }
  const total = store.db.prepare('SELECT count(*) FROM observations').pluck().get() as number
  const share = (100 * stats.rows / total).toFixed(1)
  log(`store: ${total} observations, ${stats.rows} TXT (${share}%), ` +
    `${stats.chars.toFixed(0)} characters on average`)
  const search = (match: TxtMatch, scanLimit: number) => () =>
    store.txt.search({ match, limit: 100, scanLimit })
  const nowhere: TxtMatch = { kind: 'contains', text: 'zq-found-nowhere-zq', ignoreCase: false }
  const everyEntry = 1e9
  // [what, match, scan bound, whether every entry of the window is examined]
  const cases: Array<[string, TxtMatch, number, boolean]> = [
    ['contains, every TXT entry in one call', nowhere, everyEntry, true],
    ['contains ignore_case, every entry', { ...nowhere, ignoreCase: true }, everyEntry, true],
    ['contains, one window of 10,000', nowhere, 10_000, true],
    ['contains, one window of 50,000', nowhere, 50_000, true],
    ['contains, one window of 100,000', nowhere, 100_000, true],
    ['contains "v=spf1", first page of 100', { ...nowhere, text: 'v=spf1' }, everyEntry, false],
    ['prefix "v=spf1 include:", first page of 100', { kind: 'prefix', text: 'v=spf1 include:' },
      everyEntry, false]
  ]
  for (const [name, match, scanLimit, whole] of cases) {
    const ms = timeMs(runs, search(match, scanLimit))
    const perEntry = 1000 * ms / Math.min(scanLimit, stats.rows)
    log(`${name}: ${ms.toFixed(2)} ms${whole ? ` (${perEntry.toFixed(3)} µs per entry)` : ''}`)
  }
}

function main (): void {
  const size = Math.round(Number(process.env.BENCH_TXT_SIZE ?? 1e6))
  const runs = Math.round(Number(process.env.BENCH_TXT_RUNS ?? 5))
  log(`machine: ${JSON.stringify(describeMachine())}`)
  const dir = mkdtempSync(join(tmpdir(), 'dnsledger-txt-scan-'))
  try {
    const path = join(dir, 'txt.db')
    fill(path, size)
    const store = Store.open(path)
    try {
      measure(store, runs)
    } finally {
      store.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main()
