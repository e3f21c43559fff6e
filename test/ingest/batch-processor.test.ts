import t, { type Test } from 'tap'
import Database from 'better-sqlite3'
import type { Store } from '../../src/store/store.js'
import { fakeBatch } from '../helpers/fake-kafka.js'
import { ingestParts, ipv4Lines, observationTotal } from '../helpers/ingest-parts.js'

const TOPIC = 'spamhaus_pdns_ipv4'

t.test('a batch is stored in chunks, each resolved only once its transaction commits',
  async (t) => {
    const parts = ingestParts(t, { chunkMaxMessages: 2 })
    const fake = fakeBatch(TOPIC, 0, 0, ipv4Lines(5))
    await parts.processor.process(fake.payload)
    t.same(fake.resolved, ['1', '3', '4'], 'one resolve per stored chunk')
    t.same(parts.store.offsets(), [{ topic: TOPIC, partition: 0, nextOffset: '5' }])
    t.same(fake.commits, [{ partition: 0, offset: '5' }], 'the stored offset committed to Kafka')
    t.equal(observationTotal(parts.store), 5)
    t.equal(parts.metrics.consumed.value({ topic: TOPIC }), 5)
    t.equal(parts.metrics.stored.value({ topic: TOPIC }), 5)
    t.equal(parts.metrics.chunkMessages.count(), 3, 'three transactions')
  })

t.test('a message below the stored offset is skipped and resolved, never stored twice',
  async (t) => {
    const parts = ingestParts(t, { chunkMaxMessages: 2 })
    await parts.processor.process(fakeBatch(TOPIC, 0, 0, ipv4Lines(5)).payload)
    const again = fakeBatch(TOPIC, 0, 0, ipv4Lines(5))
    await parts.processor.process(again.payload)
    t.same(again.resolved, ['0', '1', '2', '3', '4'], 'kafkajs moves past them')
    const overlap = fakeBatch(TOPIC, 0, 3, ipv4Lines(5, 3))
    await parts.processor.process(overlap.payload)
    t.equal(observationTotal(parts.store), 8, 'offsets 0-7, each once')
    t.equal(parts.metrics.consumed.value({ topic: TOPIC }), 8)
  })

t.test('a rejected message is set aside once and counted by its reason code', async (t) => {
  const parts = ingestParts(t)
  await parts.processor.process(fakeBatch(TOPIC, 1, 0, ['junk', ...ipv4Lines(2)]).payload)
  t.equal(parts.metrics.rejected.value({ topic: TOPIC, code: 'bad_field_count' }), 1)
  t.equal(parts.metrics.stored.value({ topic: TOPIC }), 2)
  t.equal(parts.store.rejected.list({ limit: 10 }).records.length, 1)
})

t.test('at the end of a batch the offset after its last (transaction marker) is stored',
  async (t) => {
    const parts = ingestParts(t)
    const fake = fakeBatch(TOPIC, 0, 0, ipv4Lines(3))
    fake.payload.batch.lastOffset = () => '3'
    await parts.processor.process(fake.payload)
    t.same(parts.store.offsets()[0]?.nextOffset, '4')
  })

t.test('a stop between chunks stores the chunk in flight and leaves the rest', async (t) => {
  const parts = ingestParts(t, { chunkMaxMessages: 2 })
  const fake = fakeBatch(TOPIC, 0, 0, ipv4Lines(5))
  fake.payload.heartbeat = async () => { fake.running = false }
  await parts.processor.process(fake.payload)
  t.same(fake.resolved, ['1'])
  t.same(parts.store.offsets()[0]?.nextOffset, '2')
  t.same(fake.commits, [{ partition: 0, offset: '2' }], 'what was stored is committed')
})

/** Calls `fix` on the second heartbeat while a write fails, checking that nothing moved. */
function fixOnSecondHeartbeat (t: Test, parts: ReturnType<typeof ingestParts>,
  fake: ReturnType<typeof fakeBatch>, fix: () => void) {
  fake.payload.heartbeat = async () => {
    if (!parts.faults.active) return
    fake.heartbeats++
    t.same(fake.resolved, [], 'nothing resolved past what was stored')
    t.same(parts.store.offsets(), [], 'no offset stored')
    if (fake.heartbeats === 2) fix()
  }
}

t.test('a full database pauses ingest, retries with backoff, logs once and resumes',
  async (t) => {
    const parts = ingestParts(t, { chunkMaxMessages: 1000 })
    const db = parts.store.db
    const pages = db.pragma('page_count', { simple: true }) as number
    db.pragma(`max_page_count = ${pages}`)
    const fake = fakeBatch(TOPIC, 0, 0, ipv4Lines(800))
    fixOnSecondHeartbeat(t, parts, fake, () => db.pragma('max_page_count = 1073741823'))
    await parts.processor.process(fake.payload)
    t.equal(observationTotal(parts.store), 800, 'stored once the disk has room')
    t.same(fake.resolved, ['799'])
    t.ok(parts.metrics.storeFailures.value({ code: 'SQLITE_FULL' }) >= 2, 'every attempt counted')
    t.equal(parts.metrics.storeFaulted.value(), 0)
    const messages = parts.lines.map((line) => line.msg)
    t.equal(messages.filter((m) => m === 'store write failed; ingest paused').length, 1)
    t.equal(messages.filter((m) => m === 'store writes recovered; ingest resumed').length, 1)
  })

t.test('a lock held by another process pauses ingest until it is released', async (t) => {
  const parts = ingestParts(t)
  parts.store.db.pragma('busy_timeout = 10')
  const other = new Database(parts.store.path)
  t.teardown(() => other.close())
  other.exec('BEGIN IMMEDIATE')
  const fake = fakeBatch(TOPIC, 0, 0, ipv4Lines(2))
  let detail = ''
  fixOnSecondHeartbeat(t, parts, fake, () => {
    detail = parts.faults.detail()
    other.exec('ROLLBACK')
  })
  await parts.processor.process(fake.payload)
  t.match(detail, /SQLITE_BUSY.*only one dnsledger may write/)
  t.equal(observationTotal(parts.store), 2)
  t.notOk(parts.faults.active)
})

t.test('a stop while a write fails gives the chunk up without resolving it', async (t) => {
  const parts = ingestParts(t)
  parts.store.db.pragma('busy_timeout = 10')
  const other = new Database(parts.store.path)
  t.teardown(() => other.close())
  other.exec('BEGIN IMMEDIATE')
  const fake = fakeBatch(TOPIC, 0, 0, ipv4Lines(2))
  fake.payload.heartbeat = async () => { fake.running = false }
  await parts.processor.process(fake.payload)
  other.exec('ROLLBACK')
  t.same(fake.resolved, [])
  t.same(fake.commits, [])
  t.same(parts.store.offsets(), [])
})

t.test('a failure no retry can mend is thrown, to stop the service', async (t) => {
  const real = ingestParts(t).store
  const corrupt = Object.assign(new Error('database disk image is malformed'),
    { code: 'SQLITE_CORRUPT' })
  const store = { offsets: () => real.offsets(), writeAll: () => { throw corrupt } }
  const parts = ingestParts(t, { store: store as unknown as Store })
  const fake = fakeBatch(TOPIC, 0, 0, ipv4Lines(2))
  await t.rejects(parts.processor.process(fake.payload), { code: 'STORE_CORRUPT' })
  t.same(fake.resolved, [])
})

t.test('a batch of a re-created topic (high watermark below the store) is stored, reported',
  async (t) => {
    const parts = ingestParts(t, { chunkMaxMessages: 2 })
    await parts.processor.process(fakeBatch(TOPIC, 0, 0, ipv4Lines(10)).payload)
    const fresh = fakeBatch(TOPIC, 0, 0, ipv4Lines(3, 100))
    await parts.processor.process(fresh.payload)
    t.equal(observationTotal(parts.store), 13, 'the new messages are not skipped')
    t.same(parts.store.offsets()[0]?.nextOffset, '3')
    t.match(parts.audit.detail(), /stored offset 10 is past the end of the partition \(3\)/)
    t.equal(parts.metrics.offsetAnomalies.value({ topic: TOPIC, partition: '0',
      kind: 'above_end' }), 1)
  })

t.test('a batch that skips ahead is checked against the earliest offset', async (t) => {
  let earliest = 7n
  const parts = ingestParts(t, { earliest: async () => earliest })
  await parts.processor.process(fakeBatch(TOPIC, 0, 0, ipv4Lines(4)).payload)
  await parts.processor.process(fakeBatch(TOPIC, 0, 7, ipv4Lines(2, 7)).payload)
  t.match(parts.audit.detail(), /stored offset 4 is below the earliest offset 7 \(retention\): 3/)
  t.equal(parts.metrics.messagesLost.value({ topic: TOPIC, partition: '0' }), 3)
  earliest = 0n
  await parts.processor.process(fakeBatch(TOPIC, 0, 12, ipv4Lines(2, 12)).payload)
  t.equal(parts.audit.anomalies.length, 1, 'a gap the broker still covers (compaction) is none')
  t.equal(observationTotal(parts.store), 8)
})
