// The test broker harness end to end: a real Kafka broker (scripts/kafka/broker.sh), lines
// written by an independent producer (kcat, or Kafka's Java console producer), read back by
// kafkajs — the client dnsledger ingests with — over SASL SCRAM, in a consumer group that
// commits offsets and seeks.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import kafkajs from 'kafkajs'
import t, { type Test } from 'tap'
import {
  brokerApiVersions,
  SPAMHAUS_TOPICS,
  startBroker,
  type Mechanism,
  type TestBroker,
} from '../helpers/kafka-broker.js'

const { Kafka, logLevel } = kafkajs
const require = createRequire(import.meta.url)

const LINES = [
  '{"rrname":"a.example.","rrtype":"A","rdata":"192.0.2.1"}',
  '{"rrname":"b.example.","rrtype":"A","rdata":"192.0.2.2"}',
  '{"rrname":"c.example.","rrtype":"A","rdata":"192.0.2.3"}',
]

interface Seen {
  partition: number
  offset: string
  key: Buffer | null
  value: string
}

// A cluster id that starts with `-`, as one in 64 random ones does, must not be read as an
// option by the storage tool.
const CLUSTER_ID = '-Dl3dgerClusterIdTest0'
process.env.DNSLEDGER_KAFKA_CLUSTER_ID = CLUSTER_ID
const broker: TestBroker = await startBroker({ t })
delete process.env.DNSLEDGER_KAFKA_CLUSTER_ID
t.comment(`broker ${broker.brokers.join(',')}, lines produced by ${broker.producer}`)
await broker.produceLines('spamhaus_pdns_ipv4', LINES)

t.test('a cluster id starting with - is formatted as given', async (t) => {
  const meta = readFileSync(`${broker.dir}/data/meta.properties`, 'utf8')
  t.match(meta, `cluster.id=${CLUSTER_ID}\n`)
})

t.test('the broker speaks every protocol version range kafkajs needs', async (t) => {
  // kafkajs 2.2.4 predates Kafka 4, which dropped old protocol versions (KIP-896). kafkajs
  // picks the highest version both sides know, so each API kafkajs implements must overlap.
  const { requests } = require('kafkajs/src/protocol/requests') as {
    requests: Record<string, { versions: string[] }>
  }
  const apiKeys = require('kafkajs/src/protocol/requests/apiKeys') as Record<string, number>
  const advertised = await brokerApiVersions(broker.brokers[0]!)
  const missing: string[] = []
  for (const [name, def] of Object.entries(requests)) {
    if (def.versions.length === 0) continue // not implemented by kafkajs
    const key = apiKeys[name]!
    const range = advertised.get(key)
    const ok = range && def.versions.some((v) => +v >= range[0] && +v <= range[1])
    if (!ok) {
      const has = range ? `${range[0]}..${range[1]}` : 'none'
      missing.push(`${name}(${key}): kafkajs ${def.versions.join(',')}, broker ${has}`)
    }
  }
  t.same(missing, [], 'no API without a common version')
})

for (const mechanism of ['scram-sha-256', 'scram-sha-512'] as const) {
  t.test(`kafkajs consumes lines from ${broker.producer} over SASL ${mechanism}`, (t) =>
    consumeAndSeek(t, mechanism, 'spamhaus_pdns_ipv4'),
  )
}

t.test("Kafka's Java console producer (kcat's fallback) writes the same messages", async (t) => {
  await broker.produceLines('spamhaus_pdns_cname', LINES, { producer: 'java' })
  await consumeAndSeek(t, 'scram-sha-256', 'spamhaus_pdns_cname')
})

t.test('stop() ends the broker JVM, removes its dir, and may be called again', async (t) => {
  await Promise.all([broker.stop(), broker.stop()])
  await broker.stop()
  t.notOk(existsSync(broker.dir), 'state dir removed')
  t.notOk(running(broker.pid), 'no broker process left')
})

// A zombie (exited, not yet reaped by its new parent) counts as stopped.
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !/^\d+ \(.*\) [ZX] /s.test(stat)
  } catch {
    return false
  }
}

async function consumeAndSeek(t: Test, mechanism: Mechanism, topic: string): Promise<void> {
  const kafka = new Kafka({
    clientId: 'dnsledger-harness',
    brokers: broker.brokers,
    sasl: { ...broker.sasl, mechanism },
    logLevel: logLevel.WARN,
  } as kafkajs.KafkaConfig)
  const groupId = `harness-${topic}-${mechanism}`

  const admin = kafka.admin()
  await admin.connect()
  t.teardown(() => admin.disconnect())
  const topics = (await admin.listTopics()).filter((n) => !n.startsWith('__')).sort()
  t.same(topics, [...SPAMHAUS_TOPICS].sort(), 'admin lists the eight topics')
  const meta = await admin.fetchTopicMetadata({ topics: [topic] })
  t.equal(meta.topics[0]?.partitions.length, broker.partitions, 'partitions per topic')

  // A short fetch long-poll: stop() and seek() otherwise wait out kafkajs's 5 s default.
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 250 })
  await consumer.connect()
  t.teardown(() => consumer.disconnect())
  await consumer.subscribe({ topics: [topic], fromBeginning: true })

  const seen: Seen[] = []
  let waiting: { n: number; resolve: () => void } | undefined
  const check = (): void => {
    if (waiting && seen.length >= waiting.n) waiting.resolve()
  }
  // No wall-clock limit here: if messages never come, tap's own test timeout reports it.
  const received = (n: number): Promise<void> =>
    new Promise((resolve) => {
      waiting = { n, resolve }
      check()
    })

  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
      for (const m of batch.messages) {
        seen.push({
          partition: batch.partition,
          offset: m.offset,
          key: m.key,
          value: m.value?.toString() ?? '',
        })
        resolveOffset(m.offset)
      }
      if (batch.messages.length > 0) {
        const next = (BigInt(batch.lastOffset()) + 1n).toString()
        await consumer.commitOffsets([{ topic, partition: batch.partition, offset: next }])
      }
      await heartbeat()
      check()
    },
  })

  await received(LINES.length)
  const first = seen.slice(0, LINES.length)
  t.same(first.map((s) => s.value).sort(), [...LINES].sort(), 'one message per line')
  t.ok(first.every((s) => s.key === null), 'messages have no key')

  const ends = await admin.fetchTopicOffsets(topic)
  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] })
  for (const e of ends) {
    const c = committed?.partitions.find((p) => p.partition === e.partition)
    // A partition that got no message keeps no committed offset (-1) and ends at 0.
    const want = e.high === '0' ? ['-1', '0'] : [e.high]
    t.ok(want.includes(c?.offset ?? ''), `partition ${e.partition} committed to its end`)
  }

  // Rewinding every partition that had messages must deliver exactly those messages again.
  const parts = [...new Set(first.map((s) => s.partition))]
  for (const partition of parts) consumer.seek({ topic, partition, offset: '0' })
  await received(2 * LINES.length)
  const again = seen.slice(LINES.length)
  const ids = (xs: Seen[]): string[] => xs.map((s) => `${s.partition}/${s.offset}`).sort()
  t.same(ids(again), ids(first), 'seek re-delivers the same partition/offset pairs')
  t.same(again.map((s) => s.value).sort(), [...LINES].sort(), 'with the same values')
  await consumer.stop()
}
