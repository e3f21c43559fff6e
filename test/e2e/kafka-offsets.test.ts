/**
 * The store's offsets against what a real broker holds. Settings no retry can mend stop the
 * service at start with what to fix. Messages removed by the broker before dnsledger read them
 * (retention), and a topic deleted and created again, are reported (log, metric, /ready) and
 * ingest goes on from the partition's earliest offset. A new database under a group that
 * already committed offsets still gets every message the broker has.
 */
import t, { type Test } from 'tap'
import { join } from 'node:path'
import kafkajs from 'kafkajs'
import { Store } from '../../src/store/store.js'
import { startBroker } from '../helpers/kafka-broker.js'
import { startService, waitFor, type ServiceProcess } from '../helpers/service-process.js'
import { kafkaEnv, storedMessages } from '../helpers/store-check.js'
import { tempDir } from '../helpers/temp-store.js'

const IPV4 = 'spamhaus_pdns_ipv4'
const broker = await startBroker(t)
const kafka = new kafkajs.Kafka({ brokers: broker.brokers, sasl: broker.sasl,
  logLevel: kafkajs.logLevel.NOTHING })
const admin = kafka.admin()
await admin.connect()
t.teardown(() => admin.disconnect())

let lineNumber = 0
/** Distinct A-record lines, each one observation. */
function lines (count: number): string[] {
  return Array.from({ length: count }, () => {
    lineNumber++
    return `${1467690000 + lineNumber}|host${lineNumber}.example.com|192.0.2.${lineNumber % 250}`
  })
}

function observations (dbPath: string): number {
  const store = Store.open(dbPath, { readonly: true })
  try {
    return store.db.prepare('SELECT coalesce(sum(count), 0) FROM observations')
      .pluck().get() as number
  } finally {
    store.close()
  }
}

async function partitionEnds (): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(IPV4)
  return offsets.reduce((sum, { high }) => sum + Number(high), 0)
}

/** Partitions with `count` messages past the stored offset, and the offset that drops them. */
async function cuttable (dbPath: string, count: number) {
  const store = Store.open(dbPath, { readonly: true })
  const stored = new Map(store.offsets().filter((offset) => offset.topic === IPV4)
    .map(({ partition, nextOffset }) => [partition, Number(nextOffset)]))
  store.close()
  const ends = await admin.fetchTopicOffsets(IPV4)
  return ends.map(({ partition, high }) => ({ partition, from: stored.get(partition) ?? 0,
    high: Number(high) }))
    .filter(({ from, high }) => high - from >= count)
    .map(({ partition, from }) => ({ partition, offset: String(from + count) }))
}

async function run (t: Test, dbPath: string, group: string): Promise<ServiceProcess> {
  const service = await startService(t, kafkaEnv(broker, dbPath, group))
  const ends = await partitionEnds()
  await waitFor(async () => storedMessages(dbPath) === ends,
    () => `stored ${storedMessages(dbPath)} of ${ends}\n${service.output().slice(-3000)}`)
  return service
}

async function exitOf (t: Test, env: Record<string, string>) {
  const service = await startService(t, env, { waitForHealth: false })
  return { code: await service.exited(), output: service.output() }
}

t.test('a wrong password or a missing topic stops the start with what to fix', async (t) => {
  const dbPath = join(tempDir(t), 'refused.db')
  const wrong = await exitOf(t, kafkaEnv(broker, dbPath, 'g', { KAFKA_SASL_PASSWORD: 'nope' }))
  t.equal(wrong.code, 1, 'exit 1')
  t.match(wrong.output, /dnsledger: the brokers at 127\.0\.0\.1:\d+ refused the SASL login/)
  t.match(wrong.output, /check KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD and KAFKA_SASL_MECHANISM/)
  t.notMatch(wrong.output, /nope/, 'the password is not repeated')
  const missing = await exitOf(t, kafkaEnv(broker, dbPath, 'g', { KAFKA_TOPIC_PREFIX: 'prod.' }))
  t.equal(missing.code, 1, 'exit 1')
  t.match(missing.output, /topics prod\.spamhaus_new_domains, .* do not exist on /)
  t.match(missing.output, /check KAFKA_TOPIC_PREFIX/)
})

t.test('messages lost to retention are reported, and ingest goes on after them', async (t) => {
  const dbPath = join(tempDir(t), 'retention.db')
  await broker.produceLines(IPV4, lines(100))
  t.equal(await (await run(t, dbPath, 'retention')).stop(), 0)
  await broker.produceLines(IPV4, lines(100))
  // kcat puts a run of keyless messages on one partition: cut only where 10 can be cut.
  const cut = await cuttable(dbPath, 10)
  t.ok(cut.length > 0, 'a partition with 10 unread messages')
  await admin.deleteTopicRecords({ topic: IPV4, partitions: cut })

  const service = await run(t, dbPath, 'retention')
  t.equal(observations(dbPath), 200 - 10 * cut.length, 'every message still held is stored')
  const ready = await service.get('/ready')
  t.equal(ready.status, 200, 'still ready: the gap is reported, not a fault')
  t.match(ready.body.checks.find((c: { name: string }) => c.name === 'kafka_offsets').detail,
    /ipv4\/\d: stored offset \d+ is below the earliest offset \d+ \(retention\): 10 messages were/)
  const metrics = (await service.get('/metrics')).body as string
  t.match(metrics, /messages_lost_total\{topic="spamhaus_pdns_ipv4",partition="\d"\} 10/)
  t.match(service.output(), /"kind":"below_earliest".*"msg":"stored offset outside its partition"/)
  t.equal(await service.stop(), 0)
})

t.test('a topic deleted and created again is read again from its start, and reported',
  async (t) => {
    const dbPath = join(tempDir(t), 'recreated.db')
    await broker.produceLines(IPV4, lines(50))
    t.equal(await (await run(t, dbPath, 'recreated')).stop(), 0)
    const before = observations(dbPath)
    await admin.deleteTopics({ topics: [IPV4] })
    await waitFor(async () => !(await admin.listTopics()).includes(IPV4), () => 'not deleted')
    await admin.createTopics({ topics: [{ topic: IPV4, numPartitions: 2 }], waitForLeaders: true })
    await broker.produceLines(IPV4, lines(6))

    const service = await run(t, dbPath, 'recreated')
    t.equal(observations(dbPath), before + 6, 'the new topic\'s messages are stored, not skipped')
    const ready = await service.get('/ready')
    t.match(ready.body.checks.find((c: { name: string }) => c.name === 'kafka_offsets').detail,
      /is past the end of the partition \(\d+\): the topic was re-created/)
    t.match((await service.get('/metrics')).body,
      /offset_anomalies_total\{topic="spamhaus_pdns_ipv4",partition="\d",kind="above_end"\} 1/)
    t.equal(await service.stop(), 0)
  })

t.test('a new database under a group with committed offsets still gets everything',
  async (t) => {
    const dbPath = join(tempDir(t), 'fresh.db')
    const service = await run(t, dbPath, 'recreated')
    t.equal(observations(dbPath), 6, 'all the topic holds, whatever the group committed')
    t.equal(await service.stop(), 0)
  })
