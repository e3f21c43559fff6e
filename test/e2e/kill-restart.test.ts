/**
 * Exactly once, whatever happens to the process: the fixture feed is produced to a real broker,
 * dnsledger ingests it in many small transactions, and is killed with SIGKILL at random points
 * while it does, at least 20 times, each time restarted on the same database. Then it is stopped
 * with SIGTERM in the middle of large batches, twice. At the end the whole store must be
 * exactly what the oracle computes from the files: nothing lost, no count off by one, first and
 * last seen exact.
 *
 * The random points come from a seeded generator; the seed is printed, and
 * KILL_TEST_SEED=<seed> repeats a run's choices.
 */
import t, { type Test } from 'tap'
import { setTimeout as sleep } from 'node:timers/promises'
import { join } from 'node:path'
import kafkajs from 'kafkajs'
import { FEED_KINDS } from '../../src/feeds/observation.js'
import { expectedFromFeed } from '../helpers/feed-oracle.js'
import { startBroker, type TestBroker } from '../helpers/kafka-broker.js'
import { startService, waitFor } from '../helpers/service-process.js'
import { assertExactStore, feedPart, kafkaEnv, messageCount, storedMessages }
  from '../helpers/store-check.js'
import { tempDir } from '../helpers/temp-store.js'

const KILLS = 20
const STOPS = 2
/** Lines taken from each fixture file: ingest at 25 messages a transaction takes seconds. */
const LINES_PER_FILE = 10_000

const files = feedPart(tempDir(t), LINES_PER_FILE)
const TOTAL = messageCount(files)
const expected = expectedFromFeed(files)

/** mulberry32: a small seeded generator, so a failing run can be repeated exactly. */
function seeded (seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let x = Math.imul(state ^ (state >>> 15), 1 | state)
    x ^= x + Math.imul(x ^ (x >>> 7), 61 | x)
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

const seed = Number(process.env.KILL_TEST_SEED ?? Math.floor(Math.random() * 2 ** 31))
const random = seeded(seed)
t.comment(`seed ${seed} (KILL_TEST_SEED=${seed} repeats this run)`)

const broker = await startBroker(t)
for (const [topic, path] of Object.entries(files)) await broker.produceFile(topic, path)

/**
 * Lets the service store a random number of messages, at most half of its fair share of what
 * is left (so that every stop still lands mid-ingest, however fast the machine), then a random
 * moment more, so that the stop falls anywhere: in a transaction, a fetch, a parse.
 */
async function ingestAWhile (dbPath: string, stopsLeft: number, why: () => string) {
  const from = storedMessages(dbPath)
  const share = Math.max(1, Math.floor((TOTAL - from) / (2 * stopsLeft)))
  const target = from + 1 + Math.floor(random() * share)
  await waitFor(async () => storedMessages(dbPath) >= target, why, () => false, 6000, 10)
  await sleep(Math.floor(random() * 30))
}

async function finish (t: Test, dbPath: string, env: Record<string, string>) {
  const service = await startService(t, env)
  await waitFor(async () => storedMessages(dbPath) === TOTAL,
    () => `stored ${storedMessages(dbPath)} of ${TOTAL}\n${service.output().slice(-3000)}`)
  await waitFor(async () => (await service.get('/ready')).status === 200,
    () => `not ready once caught up\n${service.output().slice(-3000)}`)
  await assertExactStore(t, service, expected)
  t.equal(await service.stop('SIGTERM'), 0, 'stopped cleanly')
}

const SMALL_TRANSACTIONS = { INGEST_BATCH_MAX_MESSAGES: '25', KAFKA_SESSION_TIMEOUT_MS: '6000' }

t.test(`SIGKILL at ${KILLS} random points while ingesting loses and doubles nothing`,
  async (t) => {
    const dbPath = join(tempDir(t), 'kill.db')
    for (let kill = 1; kill <= KILLS; kill++) {
      // A new group each time spares the wait for the killed member's session to expire;
      // every tenth run rejoins the previous group, as a restarted service would.
      const group = `kill-${kill % 10 === 0 ? kill - 1 : kill}`
      const env = kafkaEnv(broker, dbPath, group, SMALL_TRANSACTIONS)
      const service = await startService(t, env, { waitForHealth: false })
      await ingestAWhile(dbPath, KILLS - kill + 1, () => `run ${kill} stored nothing:\n` +
        service.output().slice(-3000))
      t.equal(await service.stop('SIGKILL'), null, `killed, run ${kill}`)
      const stored = storedMessages(dbPath)
      t.ok(stored < TOTAL, `killed while ingesting: ${stored} of ${TOTAL} stored`)
    }
    await finish(t, dbPath, kafkaEnv(broker, dbPath, 'kill-final'))
  })

/** What the group committed to Kafka, summed: it must be what the store holds. */
async function committed (broker: TestBroker, groupId: string): Promise<number> {
  const kafka = new kafkajs.Kafka({ brokers: broker.brokers, sasl: broker.sasl,
    logLevel: kafkajs.logLevel.NOTHING })
  const admin = kafka.admin()
  await admin.connect()
  try {
    const topics = await admin.fetchOffsets({ groupId, topics: [...FEED_KINDS] })
    const group = (await admin.describeGroups([groupId])).groups[0]
    if ((group?.members.length ?? 0) > 0) throw new Error(`${groupId} still has members`)
    return topics.flatMap(({ partitions }) => partitions)
      .reduce((sum, { offset }) => sum + Math.max(Number(offset), 0), 0)
  } finally {
    await admin.disconnect()
  }
}

t.test('SIGTERM mid-ingest commits, leaves the group, and a restart goes on exactly',
  async (t) => {
    const dbPath = join(tempDir(t), 'term.db')
    const env = kafkaEnv(broker, dbPath, 'term', { INGEST_BATCH_MAX_MESSAGES: '1000',
      KAFKA_SESSION_TIMEOUT_MS: '6000' })
    let stored = 0
    for (let stop = 1; stop <= STOPS; stop++) {
      const service = await startService(t, env)
      await ingestAWhile(dbPath, STOPS + 1 - stop, () => service.output().slice(-3000))
      t.equal(await service.stop('SIGTERM'), 0, `exit 0 on SIGTERM, stop ${stop}`)
      t.match(service.output(), /"msg":"stopped"/)
      stored = storedMessages(dbPath)
      t.equal(await committed(broker, 'term'), stored, 'left the group, committed what is stored')
    }
    t.ok(stored < TOTAL, `stopped while ingesting: ${stored} of ${TOTAL}`)
    await finish(t, dbPath, env)
  })
