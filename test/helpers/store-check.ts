/**
 * For end-to-end tests of the ingest path: how far the store has come (from its offsets, read
 * straight from the database file), and the whole store, as served over HTTP, compared with the
 * state the oracle computes independently from the feed files.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Test } from 'tap'
import { FEED_KINDS } from '../../src/feeds/observation.js'
import { Store } from '../../src/store/store.js'
import { recordKey, type Expected, type ExpectedFeed } from './feed-oracle.js'
import type { TestBroker } from './kafka-broker.js'
import type { ServiceProcess } from './service-process.js'

export const FIXTURE_FILES: Record<string, string> = Object.fromEntries(FEED_KINDS.map((topic) =>
  [topic, join(import.meta.dirname, '..', 'fixtures', 'feeds', `${topic}.txt`)]))

/** The first `lines` lines of each fixture file, written to `dir`: a smaller known feed. */
export function feedPart (dir: string, lines: number): Record<string, string> {
  return Object.fromEntries(Object.entries(FIXTURE_FILES).map(([topic, path]) => {
    const all = readFileSync(path, 'utf8').split('\n').filter((line) => line !== '')
    const part = join(dir, `${topic}.txt`)
    writeFileSync(part, all.slice(0, lines).map((line) => `${line}\n`).join(''))
    return [topic, part]
  }))
}

/** Messages a file becomes: one per non-empty line. */
export function messageCount (files: Record<string, string>): number {
  return Object.values(files).reduce((sum, path) =>
    sum + readFileSync(path, 'utf8').split('\n').filter((line) => line !== '').length, 0)
}

/** Messages the store holds, summed over its partition offsets (0 if it cannot be read yet). */
export function storedMessages (dbPath: string): number {
  let store: Store | undefined
  try {
    store = Store.open(dbPath, { readonly: true })
    return store.offsets().reduce((sum, offset) => sum + Number(offset.nextOffset), 0)
  } catch {
    return 0
  } finally {
    store?.close()
  }
}

/** The service's settings for a test broker. */
export function kafkaEnv (broker: TestBroker, dbPath: string, groupId: string,
  extra: Record<string, string> = {}): Record<string, string> {
  return {
    DNSLEDGER_DB: dbPath,
    KAFKA_BROKERS: broker.brokers.join(','),
    KAFKA_GROUP_ID: groupId,
    KAFKA_SASL_MECHANISM: broker.mechanism,
    KAFKA_SASL_USERNAME: broker.username,
    KAFKA_SASL_PASSWORD: broker.password,
    ...extra
  }
}

type Served = Expected & { rrname: string, rrtype: string, rdata: string }

async function recordsUnder (service: ServiceProcess, path: string): Promise<Served[]> {
  const records: Served[] = []
  let cursor: string | null = null
  do {
    const after = cursor === null ? '' : `&cursor=${cursor}`
    const page = await service.get(`${path}?limit=10000${after}`)
    if (page.status !== 200) throw new Error(`${path}: ${page.status} ${JSON.stringify(page.body)}`)
    records.push(...page.body.records)
    cursor = page.body.next_cursor
  } while (cursor !== null)

  return records
}

function topLevels (expected: ExpectedFeed): Set<string> {
  return new Set([...expected.records.keys()].map((key) => {
    const rrname = key.split('|')[0] as string
    return rrname === '.' ? '.' : rrname.split('.').at(-2) as string
  }))
}

async function servedRecords (service: ServiceProcess, expected: ExpectedFeed) {
  const served = new Map<string, Expected>()
  for (const tld of topLevels(expected)) {
    const path = tld === '.' ? '/v1/domains/.' : `/v1/domains/*.${tld}`
    for (const r of await recordsUnder(service, path)) {
      served.set(recordKey(r.rrname, r.rrtype, r.rdata),
        { first_seen: r.first_seen, last_seen: r.last_seen, count: r.count })
    }
  }

  return served
}

/** Every record, count, first and last seen, set-aside message and new domain, exactly. */
export async function assertExactStore (t: Test, service: ServiceProcess, expected: ExpectedFeed) {
  const served = await servedRecords(service, expected)
  const missing = [...expected.records.keys()].filter((key) => !served.has(key))
  const extra = [...served.keys()].filter((key) => !expected.records.has(key))
  const wrong = [...expected.records].filter(([key, want]) => {
    const got = served.get(key)
    return got !== undefined && JSON.stringify(got) !== JSON.stringify(want)
  })
  t.same(missing.slice(0, 10), [], `${missing.length} expected records missing`)
  t.same(extra.slice(0, 10), [], `${extra.length} records not in the input`)
  t.same(wrong.slice(0, 10), [], `${wrong.length} records with a wrong first/last seen or count`)
  t.ok(served.size > 0 && served.size === expected.records.size, `compared ${served.size} records`)

  const rejected = await service.get('/v1/rejected?limit=10000')
  t.equal(rejected.body.records.length, expected.junkLines, 'every junk line set aside once')
  const domains = await service.get('/v1/new-domains?since=0&until=-1&limit=10000')
  const newDomains = new Map(domains.body.records.map((record: Record<string, unknown>) =>
    [record.domain, { first_seen: record.first_seen, nameserver: record.nameserver }]))
  t.same(newDomains, expected.newDomains, `${expected.newDomains.size} newly observed domains`)
}
