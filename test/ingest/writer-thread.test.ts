/**
 * The writer thread: chunks cross to it and are stored by its own connection while the
 * thread that answers HTTP stays free; a thread that dies, before or after its commit, costs
 * neither a message nor a double count; store faults keep their class across the boundary;
 * close lets what was sent finish. Where the order of events matters, the thread itself says
 * where it is (writer-hold.ts): nothing here depends on how long anything takes.
 */
import t, { type Test } from 'tap'
import Database from 'better-sqlite3'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { KafkaConfig } from '../../src/config.js'
import { buildApp } from '../../src/api/app.js'
import { FEED_KINDS } from '../../src/feeds/observation.js'
import { ChunkWriter } from '../../src/ingest/chunk-writer.js'
import { FeedConsumer } from '../../src/ingest/feed-consumer.js'
import { ChunkPacker, type MessageChunk } from '../../src/ingest/message-chunk.js'
import { WriterThread } from '../../src/ingest/writer-thread.js'
import { ServiceMetrics } from '../../src/metrics/service-metrics.js'
import { Store } from '../../src/store/store.js'
import { fakeBatch, FakeKafka } from '../helpers/fake-kafka.js'
import { captureLogger, ingestParts, ipv4Lines, observationTotal, type LogLine }
  from '../helpers/ingest-parts.js'
import { httpGet } from '../helpers/service-process.js'
import { tempDir } from '../helpers/temp-store.js'
import {
  COMMITTED, EXIT, EXIT_CODE, HOLD, IN_TRANSACTION, WriterHold
} from '../helpers/writer-hold.js'

const IPV4 = 'spamhaus_pdns_ipv4'

interface Setup {
  path: string
  /** The service's reader connection, on this thread. */
  store: Store
  writer: WriterThread
  hold: WriterHold
  lines: LogLine[]
}

function threadSetup (t: Test, options: { pragmas?: string[], path?: string } = {}): Setup {
  const path = options.path ?? join(tempDir(t), 'writer.db')
  const store = Store.open(path, { role: 'reader' })
  const hold = new WriterHold()
  const { logger, lines } = captureLogger()
  const writer = new WriterThread({ path, logger, entry: hold.entry(options.pragmas) })
  t.teardown(async () => {
    hold.release()
    await writer.close()
    store.close()
  })

  return { path, store, writer, hold, lines }
}

/** Lines at offsets from `first` of one partition, storing the offset after the last. */
function chunkOf (lines: string[], first = 0, partition = 0): MessageChunk {
  const packer = new ChunkPacker(IPV4, partition)
  lines.forEach((line, i) => packer.add(String(first + i), Buffer.from(line)))
  const nextOffset = String(first + lines.length)

  return packer.take([{ topic: IPV4, partition, nextOffset }])
}

function messages (lines: LogLine[], msg: string): LogLine[] {
  return lines.filter((line) => line.msg === msg)
}

t.test('a chunk crosses to the writer thread; the reader sees it once it is answered',
  async (t) => {
    const s = threadSetup(t)
    const result = await s.writer.write(chunkOf([...ipv4Lines(3), 'junk']))
    t.match(result, { messages: 4, observations: 3, rejects: 1, alreadyStored: false,
      rejectedByCode: { bad_field_count: 1 } })
    t.ok(result.writeSeconds > 0 && result.parseSeconds > 0, 'timed in the thread')
    t.equal(observationTotal(s.store), 3)
    t.same(s.store.offsets(), [{ topic: IPV4, partition: 0, nextOffset: '4' }])
    t.match(s.store.rejected.list({ limit: 10 }).records, [{ offset: '3', code: 'bad_field_count',
      payload_head: 'junk' }])
  })

t.test('HTTP requests are answered while the writer thread is inside a large transaction',
  async (t) => {
    const s = threadSetup(t)
    const app = await buildApp({ store: s.store, logger: false })
    t.teardown(() => app.close())
    await app.listen({ host: '127.0.0.1', port: 0 })
    const { port } = app.server.address() as { port: number }
    s.hold.plan(IN_TRANSACTION, HOLD)
    let answered = false
    const writing = s.writer.write(chunkOf(ipv4Lines(20_000)))
      .finally(() => { answered = true })
    await s.hold.reached(IN_TRANSACTION)

    const during = await httpGet(port, '/v1/ips/192.0.2.7')
    t.equal(during.status, 200)
    t.same(during.body.records, [], 'the rows written so far are not committed: not seen')
    t.equal((await httpGet(port, '/ready')).status, 200)
    t.notOk(answered, 'both requests were answered while the write was in flight')
    t.equal(s.writer.inFlight, 1)

    s.hold.release()
    t.match(await writing, { observations: 20_000 })
    const after = await httpGet(port, '/v1/ips/192.0.2.7?limit=1000')
    t.equal(after.body.records.length, 80, 'seen once committed')
  })

t.test('a writer thread that dies mid-transaction: a new one stores the chunk, once',
  async (t) => {
    const s = threadSetup(t)
    const parts = ingestParts(t, { store: s.store, writer: s.writer, chunkMaxMessages: 5 })
    const fake = fakeBatch(IPV4, 0, 0, ipv4Lines(5))
    fake.payload.heartbeat = async () => {
      if (!parts.faults.active) return
      fake.heartbeats++
      t.same(fake.resolved, [], 'nothing resolved while the chunk is not stored')
      t.same(s.store.offsets(), [], 'no offset stored')
    }
    s.hold.plan(IN_TRANSACTION, EXIT)
    await parts.processor.process(fake.payload)

    t.ok(fake.heartbeats >= 1, 'the consumer waited, with heartbeats')
    t.equal(observationTotal(s.store), 5)
    t.same(fake.resolved, ['4'])
    t.same(fake.commits, [{ partition: 0, offset: '5' }])
    t.equal(parts.metrics.storeFailures.value({ code: 'STORE_WRITER_EXITED' }), 1)
    t.equal(parts.metrics.storeFaulted.value(), 0, 'recovered')
    t.match(messages(parts.lines, 'store write failed; ingest paused'), [{ code:
      'STORE_WRITER_EXITED', err: { message: new RegExp(`exit code ${EXIT_CODE}.*new one`) } }])
    t.equal(messages(parts.lines, 'store writes recovered; ingest resumed').length, 1)
    t.match(messages(s.lines, 'store writer thread ended'), [{ level: 50, exitCode: EXIT_CODE,
      inFlight: 1 }])
    t.equal(messages(s.lines, 'store writer restarted').length, 1)
  })

t.test('a writer thread that dies after its commit, before its answer: not stored twice',
  async (t) => {
    const s = threadSetup(t)
    const parts = ingestParts(t, { store: s.store, writer: s.writer, chunkMaxMessages: 6 })
    const fake = fakeBatch(IPV4, 0, 0, [...ipv4Lines(5), 'junk'])
    s.hold.plan(COMMITTED, EXIT)
    await parts.processor.process(fake.payload)

    t.equal(observationTotal(s.store), 5, 'the second try found the chunk stored')
    t.equal(s.store.rejected.list({ limit: 10 }).records.length, 1, 'set aside once')
    t.same(fake.resolved, ['5'])
    t.same(s.store.offsets(), [{ topic: IPV4, partition: 0, nextOffset: '6' }])
    t.equal(parts.metrics.consumed.value({ topic: IPV4 }), 6, 'counted once, when answered')
    t.equal(parts.metrics.stored.value({ topic: IPV4 }), 5)
    t.equal(parts.metrics.rejected.value({ topic: IPV4, code: 'bad_field_count' }), 1)
    t.equal(parts.metrics.chunkSeconds.count(), 1)
    t.equal(parts.metrics.parseSeconds.count(), 1)
    t.match(messages(parts.lines, 'chunk stored'), [{ alreadyStored: true, messages: 6 }])
  })

const kafkaConfig: KafkaConfig = { brokers: ['127.0.0.1:9'], clientId: 'test', groupId: 'g',
  topicPrefix: '', sessionTimeoutMs: 6_000, connectionTimeoutMs: 1_000 }

async function until (ok: () => boolean, what: string, tries = 1000): Promise<void> {
  for (let i = 0; i < tries && !ok(); i++) await new Promise((resolve) => setTimeout(resolve, 5))
  if (!ok()) throw new Error(`never happened: ${what}`)
}

t.test('a chunk given up after its answer was lost: the partition resumes where the store is',
  async (t) => {
    const s = threadSetup(t)
    const kafka = new FakeKafka()
    kafka.topics = [...FEED_KINDS]
    for (const topic of FEED_KINDS) kafka.ranges.set(topic, [{ partition: 0, low: 0, high: 0 }])
    kafka.ranges.set(IPV4, [{ partition: 0, low: 0, high: 20 }])
    const consumer = new FeedConsumer({ config: kafkaConfig, store: s.store, writer: s.writer,
      logger: captureLogger().logger, metrics: new ServiceMetrics(), chunkMaxMessages: 10,
      retryMaxBackoffMs: 100, kafka: kafka.asKafka() })
    t.teardown(() => consumer.stop())
    await consumer.start()
    await until(() => kafka.consumers.at(-1)?.eachBatch !== undefined, 'consumer running')
    kafka.last.join({ [IPV4]: [0] })
    const writesFail = () => consumer.readiness().some((c) => c.name === 'store_writes' && !c.ok)

    s.hold.plan(COMMITTED, EXIT)
    const first = fakeBatch(IPV4, 0, 0, ipv4Lines(10), 20)
    first.payload.isStale = writesFail
    await kafka.last.eachBatch?.(first.payload)
    t.same(first.resolved, [], 'a rebalance ended the retry: nothing resolved')
    t.same(s.store.offsets(), [{ topic: IPV4, partition: 0, nextOffset: '10' }],
      'but the dead thread had committed it')

    kafka.last.join({ [IPV4]: [0] })
    t.same(kafka.last.seeks.at(-1), { topic: IPV4, partition: 0, offset: '10' },
      'read on from the store, not from what this consumer saw')
    const replay = fakeBatch(IPV4, 0, 0, ipv4Lines(7), 20)
    await kafka.last.eachBatch?.(replay.payload)
    t.same(replay.resolved, ['0', '1', '2', '3', '4', '5', '6'], 'skipped as stored')
    await kafka.last.eachBatch?.(fakeBatch(IPV4, 0, 10, ipv4Lines(5, 10), 20).payload)
    t.equal(observationTotal(s.store), 15, 'each message once')
  })

t.test('store faults keep their class across the thread boundary', async (t) => {
  t.test('a lock held elsewhere pauses ingest until it is released', async (t) => {
    const s = threadSetup(t, { pragmas: ['busy_timeout = 10'] })
    const parts = ingestParts(t, { store: s.store, writer: s.writer })
    const other = new Database(s.path)
    t.teardown(() => other.close())
    other.exec('BEGIN IMMEDIATE')
    const fake = fakeBatch(IPV4, 0, 0, ipv4Lines(2))
    let detail = ''
    fake.payload.heartbeat = async () => {
      if (!parts.faults.active) return
      t.same(fake.resolved, [])
      detail = parts.faults.detail()
      other.exec('ROLLBACK')
    }
    await parts.processor.process(fake.payload)
    t.match(detail, /SQLITE_BUSY.*only one dnsledger may write/)
    t.equal(observationTotal(s.store), 2)
    t.same(fake.resolved, ['1'])
  })

  t.test('a full disk pauses ingest; a stop gives the chunk up unresolved', async (t) => {
    const path = join(tempDir(t), 'full.db')
    const pages = Store.open(path, { role: 'reader' })
    const count = pages.db.pragma('page_count', { simple: true }) as number
    pages.close()
    const s = threadSetup(t, { path, pragmas: [`max_page_count = ${count}`] })
    const parts = ingestParts(t, { store: s.store, writer: s.writer, chunkMaxMessages: 1000 })
    const fake = fakeBatch(IPV4, 0, 0, ipv4Lines(800))
    fake.payload.heartbeat = async () => { fake.running = false }
    await parts.processor.process(fake.payload)
    t.match(parts.faults.detail(), /SQLITE_FULL.*free space on the volume/)
    t.ok(parts.metrics.storeFailures.value({ code: 'SQLITE_FULL' }) >= 1, 'counted')
    t.same(fake.resolved, [])
    t.same(s.store.offsets(), [])
  })

  t.test('damaged pages stop ingest: STORE_CORRUPT, nothing resolved', async (t) => {
    const path = join(tempDir(t), 'damaged.db')
    const filled = Store.open(path)
    const empty = filled.db.pragma('page_count', { simple: true }) as number
    filled.write({ observations: ipv4Lines(3000).map((line, i) => ({ rrname: `h${i}.example.`,
      rrtype: 'A', rdata: line.split('|')[2] as string, timeSeen: 1467690095 })),
    newDomains: [], rejects: [], offsets: [] })
    filled.db.pragma('wal_checkpoint(TRUNCATE)')
    const pageSize = filled.db.pragma('page_size', { simple: true }) as number
    filled.close()
    const bytes = readFileSync(path)
    bytes.fill(0x5a, empty * pageSize)
    writeFileSync(path, bytes)
    const s = threadSetup(t, { path })
    const parts = ingestParts(t, { store: s.store, writer: s.writer })
    const fake = fakeBatch(IPV4, 0, 0, ipv4Lines(2))
    await t.rejects(parts.processor.process(fake.payload), { code: 'STORE_CORRUPT',
      message: /malformed.*left as it is/, context: { topic: IPV4, partition: 0 } })
    t.same(fake.resolved, [])
  })

  t.test('an error of the thread\'s own making stops ingest, never retried', async (t) => {
    const s = threadSetup(t)
    const parts = ingestParts(t, { store: s.store, writer: s.writer })
    const chunks = new ChunkWriter(s.writer, parts.faults, 100, parts.abort.signal)
    const broken = { ...chunkOf(ipv4Lines(2)), ends: new Uint32Array([5, 1_000_000]) }
    const context = { isRunning: () => true, isStale: () => false, heartbeat: async () => {},
      where: { topic: IPV4 } }
    await t.rejects(chunks.write(broken, context), { code: 'INTERNAL',
      message: /cannot be retried \(error: .*outside of buffer bounds/, context: { topic: IPV4 } })
    t.notOk(parts.faults.active, 'never paused for it')
    t.same(s.store.offsets(), [])
  })
})

t.test('chunks sent during a transaction are written together in the next one', async (t) => {
  const s = threadSetup(t)
  s.hold.plan(IN_TRANSACTION, HOLD)
  const first = s.writer.write(chunkOf(ipv4Lines(5)))
  await s.hold.reached(IN_TRANSACTION)
  const second = s.writer.write(chunkOf(ipv4Lines(3, 5), 0, 1))
  const broken = t.rejects(s.writer.write({ ...chunkOf(ipv4Lines(2), 0, 2),
    ends: new Uint32Array([5, 1_000_000]) }), /outside of buffer bounds/,
  'a chunk that cannot be parsed fails alone')
  const third = s.writer.write(chunkOf(ipv4Lines(4, 8), 0, 3))
  s.hold.release()

  t.match(await first, { observations: 5, distinct: 5 })
  t.match(await second, { observations: 3, distinct: 7 }, 'one transaction: 3 + 4 rows')
  t.match(await third, { observations: 4, distinct: 7 })
  await broken
  t.equal(observationTotal(s.store), 12)
  t.same(s.store.offsets(), [0, 1, 3].map((partition) => ({ topic: IPV4, partition,
    nextOffset: partition === 0 ? '5' : partition === 1 ? '3' : '4' })))
})

t.test('the log is copied into the database by a thread of its own, not by the writer',
  async (t) => {
    const s = threadSetup(t, { pragmas: ['wal_autocheckpoint = 0'] })
    const before = statSync(s.path).size
    await s.writer.write(chunkOf(ipv4Lines(3000)))
    // A thread start and a few checkpoint intervals: generous, as the machine may be busy.
    await until(() => statSync(s.path).size > before, 'the database file took the rows', 12_000)
    t.equal(observationTotal(s.store), 3000)
  })

t.test('close lets the writes already sent finish, then the thread ends', async (t) => {
  const s = threadSetup(t)
  s.hold.plan(IN_TRANSACTION, HOLD)
  const order: string[] = []
  const first = s.writer.write(chunkOf(ipv4Lines(5)))
    .then(() => { order.push('first written') })
  const second = s.writer.write(chunkOf(ipv4Lines(5, 5), 5))
    .then(() => { order.push('second written') })
  await s.hold.reached(IN_TRANSACTION)
  const closed = s.writer.close().then(() => { order.push('closed') })
  s.hold.release()
  await Promise.all([first, second, closed])

  t.same(order, ['first written', 'second written', 'closed'])
  t.equal(observationTotal(s.store), 10)
  t.same(s.store.offsets(), [{ topic: IPV4, partition: 0, nextOffset: '10' }])
  await t.rejects(s.writer.write(chunkOf(ipv4Lines(1), 10)), { code: 'STORE_WRITER_EXITED',
    message: /closed/ })
  t.same(messages(s.lines, 'store writer thread ended'), [], 'an orderly end, not reported')
})
