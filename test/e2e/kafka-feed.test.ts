/**
 * The whole path against a real Kafka broker: every line of the feed fixtures is produced by an
 * independent producer (kcat) over SASL/SCRAM, dnsledger runs as a user would run it, and every
 * distinct (rrname, rrtype, rdata) of the input must come back over HTTP with the first_seen,
 * last_seen and count computed from the input files by the oracle.
 */
import t from 'tap'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { FEED_KINDS } from '../../src/feeds/observation.js'
import { Store } from '../../src/store/store.js'
import { expectedFromFeed, recordKey, type Expected } from '../helpers/feed-oracle.js'
import { startBroker } from '../helpers/kafka-broker.js'
import { startService, waitFor, type ServiceProcess } from '../helpers/service-process.js'
import { tempDir } from '../helpers/temp-store.js'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'feeds')
const files = Object.fromEntries(FEED_KINDS.map((topic) => [topic, join(FIXTURES, `${topic}.txt`)]))
const lineCounts = Object.fromEntries(Object.entries(files).map(([topic, path]) =>
  [topic, readFileSync(path, 'utf8').split('\n').filter((line) => line !== '').length]))

function storedMessages (dbPath: string): Record<string, number> {
  const store = Store.open(dbPath, { readonly: true })
  try {
    const sums: Record<string, number> = {}
    for (const { topic, nextOffset } of store.offsets()) {
      sums[topic] = (sums[topic] ?? 0) + Number(nextOffset)
    }
    return sums
  } catch {
    return {}
  } finally {
    store.close()
  }
}

/** Every record under one top-level name, following the cursor to the last page. */
async function recordsUnder (service: ServiceProcess, path: string) {
  const records: Array<Expected & { rrname: string, rrtype: string, rdata: string }> = []
  let cursor: string | null = null
  do {
    const page = await service.get(`${path}?limit=10000${cursor === null ? '' : `&cursor=${cursor}`}`)
    if (page.status !== 200) throw new Error(`${path}: ${page.status} ${JSON.stringify(page.body)}`)
    records.push(...page.body.records)
    cursor = page.body.next_cursor
  } while (cursor !== null)

  return records
}

t.test('every observation produced to a real broker is stored exactly and served', async (t) => {
  const broker = await startBroker(t)
  for (const [topic, path] of Object.entries(files)) await broker.produceFile(topic, path)

  const dbPath = join(tempDir(t), 'e2e.db')
  const service = await startService(t, {
    DNSLEDGER_DB: dbPath,
    KAFKA_BROKERS: broker.brokers.join(','),
    KAFKA_GROUP_ID: 'dnsledger-e2e',
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: broker.username,
    KAFKA_SASL_PASSWORD: broker.password
  })
  await waitFor(async () => {
    const stored = storedMessages(dbPath)
    return FEED_KINDS.every((topic) => stored[topic] === lineCounts[topic])
  }, () => `not every message was stored: ${JSON.stringify(storedMessages(dbPath))} of ` +
    `${JSON.stringify(lineCounts)}\n${service.output().slice(-4000)}`)
  t.equal((await service.get('/ready')).status, 200, 'ready while consuming')

  const expected = expectedFromFeed(files)
  const tlds = new Set([...expected.records.keys()].map((key) => {
    const rrname = key.split('|')[0] as string
    return rrname === '.' ? '.' : rrname.split('.').at(-2) as string
  }))
  const actual = new Map<string, Expected>()
  for (const tld of tlds) {
    const path = tld === '.' ? '/v1/domains/.' : `/v1/domains/*.${tld}`
    for (const r of await recordsUnder(service, path)) {
      actual.set(recordKey(r.rrname, r.rrtype, r.rdata),
        { first_seen: r.first_seen, last_seen: r.last_seen, count: r.count })
    }
  }

  const missing = [...expected.records.keys()].filter((key) => !actual.has(key))
  const extra = [...actual.keys()].filter((key) => !expected.records.has(key))
  const wrong = [...expected.records].filter(([key, want]) => {
    const got = actual.get(key)
    return got !== undefined && JSON.stringify(got) !== JSON.stringify(want)
  })
  t.same(missing.slice(0, 10), [], `${missing.length} expected records missing`)
  t.same(extra.slice(0, 10), [], `${extra.length} records not in the input`)
  t.same(wrong.slice(0, 10), [], `${wrong.length} records with a wrong first_seen, last_seen or count`)
  t.ok(expected.records.size > 50_000, `compared ${expected.records.size} distinct records`)

  const rejected = await service.get('/v1/rejected?limit=1000')
  t.equal(rejected.body.records.length, expected.junkLines, 'every junk line set aside')
  t.match(rejected.body.records[0], { code: String, reason: String, payload_head: /RRSIG/ })

  const newDomains = await service.get('/v1/new-domains?since=0&until=-1&limit=10000')
  const served = new Map(newDomains.body.records.map((record: Record<string, unknown>) =>
    [record.domain, { first_seen: record.first_seen, nameserver: record.nameserver }]))
  t.same(served, expected.newDomains, `${expected.newDomains.size} newly observed domains`)

  t.equal(await service.stop('SIGTERM'), 0, 'a SIGTERM stops it cleanly')
  t.notOk(service.output().includes(broker.password), 'the SASL password is in no log line')
  t.match(service.output(), /"msg":"stopped"/)
})
