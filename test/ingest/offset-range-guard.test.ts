import t from 'tap'
import { classifyOffset } from '../../src/ingest/offset-audit.js'
import { ingestParts } from '../helpers/ingest-parts.js'

const TOPIC = 'spamhaus_pdns_ns'
const own = { isRunning: () => true, isStale: () => false, heartbeat: async () => {}, where: {} }

function storeOffset (parts: ReturnType<typeof ingestParts>, partition: number, next: bigint) {
  const offsets = [{ topic: TOPIC, partition, nextOffset: String(next) }]
  parts.store.write({ observations: [], newDomains: [], rejects: [], offsets })
  parts.offsets.load(parts.store.offsets())
}

t.test('a stored offset is classified against the partition range', async (t) => {
  t.equal(classifyOffset(5n, { low: 0n, high: 10n }), undefined)
  t.equal(classifyOffset(0n, { low: 0n, high: 0n }), undefined, 'an empty partition')
  t.equal(classifyOffset(10n, { low: 0n, high: 10n }), undefined, 'all read')
  t.equal(classifyOffset(4n, { low: 5n, high: 10n }), 'below_earliest')
  t.equal(classifyOffset(11n, { low: 0n, high: 10n }), 'above_end')
})

t.test('within range, the read resumes at the stored offset and nothing is reported',
  async (t) => {
    const parts = ingestParts(t)
    storeOffset(parts, 0, 5n)
    t.ok(await parts.guard.checkRange({ topic: TOPIC, partition: 0 }, { low: 0n, high: 9n }, own))
    t.equal(parts.offsets.seekTarget(TOPIC, 0), 5n)
    t.same(parts.audit.anomalies, [])
    t.equal(parts.offsets.assignedLag(), 0n, 'no lag before assignment')
    parts.offsets.assign({ [TOPIC]: [0] })
    t.equal(parts.offsets.assignedLag(), 4n)
  })

t.test('a partition the store never read is read from its earliest offset', async (t) => {
  const parts = ingestParts(t)
  await parts.guard.checkRange({ topic: TOPIC, partition: 1 }, { low: 40n, high: 90n }, own)
  t.equal(parts.offsets.seekTarget(TOPIC, 1), 40n, 'whatever Kafka has committed for the group')
  t.same(parts.store.offsets(), [], 'nothing written')
})

t.test('below the earliest offset: reported as lost, and the store moves to the earliest',
  async (t) => {
    const parts = ingestParts(t)
    storeOffset(parts, 0, 5n)
    await parts.guard.checkRange({ topic: TOPIC, partition: 0 }, { low: 25n, high: 30n }, own)
    t.same(parts.store.offsets()[0]?.nextOffset, '25', 'moved in its own transaction')
    t.equal(parts.offsets.seekTarget(TOPIC, 0), 25n)
    t.match(parts.audit.detail(), /ns\/0: stored offset 5 is below the earliest offset 25 /)
    t.match(parts.audit.detail(), /20 messages were lost/)
    t.equal(parts.metrics.messagesLost.value({ topic: TOPIC, partition: '0' }), 20)
    const logged = parts.lines.filter((line) => line.msg === 'stored offset outside its partition')
    t.match(logged, [{ level: 50, kind: 'below_earliest', stored: '5', earliest: '25' }])
    await parts.guard.checkRange({ topic: TOPIC, partition: 0 }, { low: 25n, high: 30n }, own)
    t.equal(parts.audit.anomalies.length, 1, 'reported once: the store has moved')
  })

t.test('past the end: the topic was re-created, it is read again from its earliest offset',
  async (t) => {
    const parts = ingestParts(t)
    storeOffset(parts, 1, 500n)
    await parts.guard.checkRange({ topic: TOPIC, partition: 1 }, { low: 0n, high: 12n }, own)
    t.same(parts.store.offsets()[0]?.nextOffset, '0')
    t.equal(parts.offsets.seekTarget(TOPIC, 1), 0n)
    t.match(parts.audit.detail(), /stored offset 500 is past the end of the partition \(12\)/)
    t.equal(parts.metrics.offsetAnomalies.value({ topic: TOPIC, partition: '1',
      kind: 'above_end' }), 1)
  })

t.test('a stop while the move cannot be written leaves the store as it was', async (t) => {
  const parts = ingestParts(t)
  storeOffset(parts, 0, 5n)
  parts.store.db.pragma('query_only = 1')
  const stopping = { ...own, isRunning: () => false }
  const done = await parts.guard.checkRange({ topic: TOPIC, partition: 0 },
    { low: 25n, high: 30n }, stopping)
  t.equal(done, false)
  parts.store.db.pragma('query_only = 0')
  t.same(parts.store.offsets()[0]?.nextOffset, '5')
  t.same(parts.audit.anomalies, [], 'reported only once it is moved')
})
