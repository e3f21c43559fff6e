import t, { type Test } from 'tap'
import type { KafkaConfig } from '../../src/config.js'
import { FeedConsumer, type FeedConsumerOptions } from '../../src/ingest/feed-consumer.js'
import { InlineWriter } from '../../src/ingest/inline-writer.js'
import { FEED_KINDS } from '../../src/feeds/observation.js'
import { ServiceMetrics } from '../../src/metrics/service-metrics.js'
import type { Store } from '../../src/store/store.js'
import { tempStore } from '../helpers/temp-store.js'
import { fakeBatch, FakeKafka } from '../helpers/fake-kafka.js'
import { captureLogger, ipv4Lines, observationTotal } from '../helpers/ingest-parts.js'

const IPV4 = 'spamhaus_pdns_ipv4'
const config: KafkaConfig = { brokers: ['127.0.0.1:9'], clientId: 'test', groupId: 'g',
  topicPrefix: '', sessionTimeoutMs: 6_000, connectionTimeoutMs: 1_000 }

interface Setup {
  kafka: FakeKafka
  consumer: FeedConsumer
  metrics: ServiceMetrics
  store: Store
  fatal: Error[]
  clock: { now: number }
}

function setup (t: Test, options: Partial<FeedConsumerOptions> = {}): Setup {
  const kafka = new FakeKafka()
  kafka.topics = [...FEED_KINDS]
  for (const topic of FEED_KINDS) kafka.ranges.set(topic, [{ partition: 0, low: 0, high: 0 }])
  const store = options.store ?? tempStore(t)
  const metrics = new ServiceMetrics()
  const fatal: Error[] = []
  const clock = { now: 1_000_000 }
  const consumer = new FeedConsumer({ config, store, writer: new InlineWriter(store),
    logger: captureLogger().logger, metrics,
    chunkMaxMessages: 100, stallTimeoutMs: 60_000, retryMaxBackoffMs: 100, kafka: kafka.asKafka(),
    onFatal: (err) => fatal.push(err), now: () => clock.now, ...options })
  t.teardown(() => consumer.stop())

  return { kafka, consumer, metrics, store, fatal, clock }
}

/** Polls (bounded by count) until `ok` holds. */
async function until (ok: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (ok()) return
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error(`never happened: ${what}`)
}

async function running (kafka: FakeKafka, count: number): Promise<void> {
  await until(() => kafka.consumers.length >= count &&
    kafka.consumers[count - 1]?.eachBatch !== undefined, `consumer ${count} running`)
}

function check (consumer: FeedConsumer, name: string) {
  return consumer.readiness().find((c) => c.name === name)
}

t.test('start fails, with what to fix, on a missing topic or a refused login', async (t) => {
  const missing = setup(t)
  missing.kafka.topics = FEED_KINDS.filter((topic) => topic !== IPV4)
  await t.rejects(missing.consumer.start(), { code: 'KAFKA_CONFIG',
    message: /spamhaus_pdns_ipv4 do not exist.*KAFKA_TOPIC_PREFIX/ })
  const refused = setup(t)
  refused.kafka.adminError = Object.assign(new Error('SASL SCRAM SHA512 authentication failed'),
    { name: 'KafkaJSSASLAuthenticationError' })
  await t.rejects(refused.consumer.start(), { code: 'KAFKA_CONFIG',
    message: /refused the SASL login.*KAFKA_SASL_PASSWORD/ })
})

t.test('on assignment every partition is read from the store offset or its earliest',
  async (t) => {
    const s = setup(t)
    s.store.write({ observations: [], newDomains: [], rejects: [],
      offsets: [{ topic: IPV4, partition: 0, nextOffset: '7' }] })
    s.kafka.ranges.set(IPV4, [{ partition: 0, low: 0, high: 10 },
      { partition: 1, low: 3, high: 5 }])
    await s.consumer.start()
    await running(s.kafka, 1)
    t.equal(s.consumer.status.state, 'starting')
    t.notOk(check(s.consumer, 'consumer')?.ok, 'not ready before joining')
    s.kafka.last.join({ [IPV4]: [0, 1] })
    t.same(s.kafka.last.seeks, [{ topic: IPV4, partition: 0, offset: '7' },
      { topic: IPV4, partition: 1, offset: '3' }])
    t.equal(s.consumer.status.state, 'consuming')
    t.ok(s.consumer.readiness().every((c) => c.ok), 'ready')
    s.consumer.collectMetrics()
    t.equal(s.metrics.lag.value({ topic: IPV4, partition: '0' }), 3)
    t.equal(s.metrics.consumerState.value({ state: 'consuming' }), 1)
  })

t.test('a crash is followed by a restart with backoff, and consuming resumes', async (t) => {
  const s = setup(t)
  await s.consumer.start()
  await running(s.kafka, 1)
  s.kafka.last.join({ [IPV4]: [0] })
  const first = s.kafka.last
  first.crash(new Error('The coordinator is not aware of this member'))
  await until(() => s.consumer.status.state === 'restarting', 'restarting')
  t.match(check(s.consumer, 'consumer'), { ok: false, detail: /crashed: The coordinator/ })
  await running(s.kafka, 2)
  t.ok(first.disconnected, 'the crashed consumer was dropped')
  s.kafka.last.join({ [IPV4]: [0] })
  t.equal(s.consumer.status.state, 'consuming')
  t.equal(s.metrics.consumerRestarts.value({ reason: 'crash' }), 1)
  first.join({ [IPV4]: [0] })
  t.same(first.seeks, [{ topic: IPV4, partition: 0, offset: '0' }], 'the old one is ignored')
})

t.test('a start that fails is tried again until it works', async (t) => {
  const s = setup(t)
  s.kafka.connectError = new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9')
  await s.consumer.start()
  await until(() => s.kafka.consumers.length >= 3, 'three tries')
  t.equal(s.consumer.status.state, 'restarting')
  t.match(s.consumer.status.detail, /cannot reach Kafka.*ECONNREFUSED.*restarting in/)
  t.ok(s.metrics.consumerRestarts.value({ reason: 'start' }) >= 2)
  s.kafka.connectError = undefined
  const tries = s.kafka.consumers.length
  await running(s.kafka, tries + 1)
  s.kafka.last.join({ [IPV4]: [0] })
  t.equal(s.consumer.status.state, 'consuming')
})

t.test('the watchdog restarts a consumer that lags and stores nothing', async (t) => {
  const s = setup(t)
  s.kafka.ranges.set(IPV4, [{ partition: 0, low: 0, high: 10 }])
  await s.consumer.start()
  await running(s.kafka, 1)
  s.kafka.last.join({ [IPV4]: [0] })
  s.clock.now += 59_999
  t.notOk(s.consumer.checkStall(), 'not yet')
  s.clock.now += 1
  t.ok(s.consumer.checkStall(), 'stalled')
  await until(() => s.consumer.status.state === 'restarting', 'restarting')
  t.match(check(s.consumer, 'consumer'), { ok: false,
    detail: /stalled: no chunk stored for 60 s while 10 messages wait/ })
  await running(s.kafka, 2)
  t.equal(s.metrics.consumerRestarts.value({ reason: 'stall' }), 1)
})

t.test('a stored chunk keeps the watchdog quiet', async (t) => {
  const s = setup(t)
  s.kafka.ranges.set(IPV4, [{ partition: 0, low: 0, high: 10 }])
  await s.consumer.start()
  await running(s.kafka, 1)
  s.kafka.last.join({ [IPV4]: [0] })
  s.clock.now += 59_000
  await s.kafka.last.eachBatch?.(fakeBatch(IPV4, 0, 0, ipv4Lines(4), 10).payload)
  s.clock.now += 59_000
  t.notOk(s.consumer.checkStall())
  t.equal(observationTotal(s.store), 4)
  t.equal(s.kafka.consumers.length, 1)
})

t.test('a store failure no retry can mend stops ingest: onFatal, no restart', async (t) => {
  const real = tempStore(t)
  const corrupt = Object.assign(new Error('database disk image is malformed'),
    { code: 'SQLITE_CORRUPT' })
  const store = { offsets: () => real.offsets(), writeAll: () => { throw corrupt } }
  const s = setup(t, { store: store as unknown as Store })
  await s.consumer.start()
  await running(s.kafka, 1)
  s.kafka.last.join({ [IPV4]: [0] })
  await t.rejects(s.kafka.last.eachBatch!(fakeBatch(IPV4, 0, 0, ipv4Lines(2)).payload))
  t.equal(s.fatal.length, 1)
  t.match(s.fatal[0], { code: 'STORE_CORRUPT', message: /left as it is/ })
  t.equal(s.consumer.status.state, 'failed')
  s.kafka.last.crash()
  await s.consumer.stop()
  t.equal(s.consumer.status.state, 'failed', 'still says why')
})

t.test('stop during the backoff wait ends it at once and starts nothing', async (t) => {
  const s = setup(t, { retryMaxBackoffMs: 600_000 })
  await s.consumer.start()
  await running(s.kafka, 1)
  s.kafka.last.crash()
  s.kafka.last.crash()
  await until(() => s.consumer.status.state === 'restarting', 'restarting')
  await s.consumer.stop()
  t.equal(s.kafka.consumers.length, 1)
  t.equal(s.consumer.status.state, 'stopped')
})

t.test('a member that hears nothing from the brokers for a session is reconnecting',
  async (t) => {
    const s = setup(t)
    await s.consumer.start()
    await running(s.kafka, 1)
    s.kafka.last.join({ [IPV4]: [0] })
    s.clock.now += 6_000
    t.equal(s.consumer.status.state, 'consuming', 'a session timeout of silence is allowed')
    s.clock.now += 1_000
    t.match(check(s.consumer, 'consumer'), { ok: false,
      detail: /no answer from 127\.0\.0\.1:9 for 7 s; retrying/ })
    s.consumer.collectMetrics()
    t.equal(s.metrics.consumerState.value({ state: 'reconnecting' }), 1)
    s.kafka.last.fetched()
    t.equal(s.consumer.status.state, 'consuming', 'a fetch answered')
  })
