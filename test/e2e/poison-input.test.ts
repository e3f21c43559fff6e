/**
 * Poison input through a real broker: every kind of bad message, produced as raw bytes by a
 * Kafka producer between two good ones on every topic, is set aside with its reason and
 * counted per topic and reason, and never blocks its neighbours.
 */
import t from 'tap'
import { join } from 'node:path'
import { Kafka, logLevel } from 'kafkajs'
import { FEED_KINDS } from '../../src/feeds/observation.js'
import { startBroker } from '../helpers/kafka-broker.js'
import { startService, waitFor } from '../helpers/service-process.js'
import { kafkaEnv, storedMessages } from '../helpers/store-check.js'
import { tempDir } from '../helpers/temp-store.js'

const NOW = 1_700_000_000
const json = (value: unknown) => JSON.stringify(value)
const hdr = (rrtype: number, extra: Record<string, unknown> = {}) =>
  ({ Epoch: NOW, Name: 'example.com.', Rrtype: rrtype, Class: 1, Ttl: 60, Rdlength: 1, ...extra })

/** Bad messages that any topic must refuse, whatever its format. */
const ANY_TOPIC: Array<[string, Buffer]> = [
  ['empty', Buffer.alloc(0)],
  ['binary garbage', Buffer.from([0x00, 0xff, 0x13, 0x37, 0x80])],
  ['invalid UTF-8', Buffer.from([0x31, 0x7c, 0xc3, 0x28])],
  ['1 MB message', Buffer.alloc(1_000_000, 0x61)]
]

const PIPE_BAD = [
  'wrong|field|count|here|now', `${NOW}|a.example`, ` ${NOW}|a.example|x`, `${NOW}|a.example|x\r\ny`,
  `abc|a.example|x`, `-5|a.example|x`, `${NOW}000000|a.example|x`, `99999999999|a.example|x`,
  `${NOW}|a..example|x`, `${NOW}|${'l'.repeat(64)}.example|x`, `${NOW}|a b.example|x`,
  `${NOW}|${'abcdefghi.'.repeat(26)}|x`
]

const BY_TOPIC: Record<string, { good: string, bad: string[] }> = {
  spamhaus_new_domains: { good: `NS|${NOW}|new.example|ns1.example.net`, bad: ['NS|x|y'] },
  spamhaus_pdns_cname: { good: `${NOW}|www.example.com|example.com`, bad: PIPE_BAD },
  spamhaus_pdns_ipv4: {
    good: `${NOW}|a.example.com|192.0.2.1`,
    bad: [...PIPE_BAD, `${NOW}|a.example|256.1.1.1`, `${NOW}|a.example|01.2.3.4`,
      `${NOW}|a.example|1.2.3`, `${NOW}|a.example|2001:db8::1`]
  },
  spamhaus_pdns_ipv6: {
    good: `${NOW}|a.example.com|2001:DB8:0:0::1`,
    bad: [`${NOW}|a.example|2001:db8:::1`, `${NOW}|a.example|fe80::1%eth0`,
      `${NOW}|a.example|192.0.2.1`]
  },
  spamhaus_pdns_mx: { good: `${NOW}|example.com|10 mx.example.net`, bad: [`${NOW}|e.x|70000 mx.x`] },
  spamhaus_pdns_ns: { good: `${NOW}|example.com|ns1.example.net`, bad: PIPE_BAD },
  spamhaus_pdns_txt: {
    good: json({ Hdr: hdr(16), Txt: ['v=spf1 -all', 'quo"te ü'] }),
    bad: ['{"Hdr":', json({ Txt: ['x'] }), json({ Hdr: hdr(16) }), json({ Hdr: hdr(6), Txt: ['x'] }),
      json({ Hdr: hdr(16, { Epoch: String(NOW) }), Txt: ['x'] }), json({ Hdr: hdr(16), Txt: [] })]
  },
  spamhaus_pdns_soa: {
    good: json({ Hdr: hdr(6), Ns: 'ns.example.', Mbox: 'h.example.', Serial: 1, Refresh: 2,
      Retry: 3, Expire: 4, Minttl: 5 }),
    bad: [json({ Hdr: hdr(6), Ns: 'ns.example.', Mbox: 'h.example.', Serial: 2 ** 32, Refresh: 2,
      Retry: 3, Expire: 4, Minttl: 5 }), json({ Hdr: hdr(16), Ns: 'n.', Mbox: 'm.', Serial: 1,
      Refresh: 2, Retry: 3, Expire: 4, Minttl: 5 })]
  }
}

t.test('every kind of bad message is set aside, counted, and blocks no neighbour', async (t) => {
  const broker = await startBroker({ t, partitions: 1 })
  const kafka = new Kafka({ brokers: broker.brokers, sasl: broker.sasl, logLevel: logLevel.NOTHING })
  const producer = kafka.producer()
  await producer.connect()
  let total = 0
  let bad = 0
  for (const topic of FEED_KINDS) {
    const { good, bad: lines } = BY_TOPIC[topic] as { good: string, bad: string[] }
    const poison = [...ANY_TOPIC.map(([, value]) => value), ...lines.map((l) => Buffer.from(l))]
    const values = [Buffer.from(good), ...poison, Buffer.from(good)]
    await producer.send({ topic, messages: values.map((value) => ({ value })) })
    total += values.length
    bad += poison.length
  }
  await producer.disconnect()

  const dbPath = join(tempDir(t), 'poison.db')
  const service = await startService(t, kafkaEnv(broker, dbPath, 'dnsledger-poison'))
  await waitFor(async () => storedMessages(dbPath) === total,
    () => `stored ${storedMessages(dbPath)} of ${total}\n${service.output().slice(-3000)}`)

  const rejected = (await service.get('/v1/rejected?limit=1000')).body.records
  t.equal(rejected.length, bad, 'every bad message set aside')
  for (const record of rejected) t.ok(record.code !== '' && record.reason !== '', record.reason)
  t.ok(rejected.some((r: { code: string }) => r.code === 'too_large'), 'the 1 MB message')
  for (const topic of FEED_KINDS) {
    const inTopic = rejected.filter((r: { topic: string }) => r.topic === topic)
    t.same(inTopic.map((r: { offset: string }) => Number(r.offset)),
      Array.from({ length: inTopic.length }, (_, i) => i + 1), `${topic}: offsets of the bad ones`)
  }
  const txt = (await service.get('/v1/domains/example.com?type=TXT')).body.records
  t.match(txt, [{ rdata: '"v=spf1 -all" "quo\\"te ü"', count: 2 }], 'good neighbours stored')
  const metrics = (await service.get('/metrics')).body as string
  t.match(metrics, /dnsledger_ingest_messages_rejected_total\{topic="spamhaus_pdns_ipv4",code="bad_ipv4"\} 3/)
})
