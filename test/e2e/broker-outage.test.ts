/**
 * Faults around a running dnsledger, on a real broker: the broker goes down in the middle of
 * ingestion and comes back; another process holds the database's write lock for a while.
 * Throughout, queries are answered; meanwhile /ready says 503 and why, and the metrics agree;
 * afterwards dnsledger carries on by itself, and the store ends exactly as the oracle says.
 */
import t, { type Test } from 'tap'
import Database from 'better-sqlite3'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expectedFromFeed } from '../helpers/feed-oracle.js'
import { startBroker } from '../helpers/kafka-broker.js'
import { startService, waitFor, type ServiceProcess } from '../helpers/service-process.js'
import { assertExactStore, feedPart, kafkaEnv, messageCount, storedMessages }
  from '../helpers/store-check.js'
import { tempDir } from '../helpers/temp-store.js'

/**
 * The feed in parts produced at different moments, so that each fault surely lands while
 * messages wait to be stored, however fast ingest is: the first part before the outage, the
 * second after it, the last while the database is locked. `upTo[i]` is parts 0..i in one set.
 */
function feedInParts (files: Record<string, string>, parts: number) {
  const part = Array.from({ length: parts }, () => ({} as Record<string, string>))
  const upTo = Array.from({ length: parts }, () => ({} as Record<string, string>))
  for (const [topic, path] of Object.entries(files)) {
    const lines = readFileSync(path, 'utf8').split('\n').filter((line) => line !== '')
    const cut = (i: number) => Math.floor(lines.length * i / parts)
    const write = (to: string, from: number, end: number) =>
      writeFileSync(to, lines.slice(from, end).map((line) => `${line}\n`).join(''))
    for (let i = 0; i < parts; i++) {
      write(part[i]![topic] = `${path}.part${i}`, cut(i), cut(i + 1))
      write(upTo[i]![topic] = `${path}.upto${i}`, 0, cut(i + 1))
    }
  }

  return { part, upTo }
}

const files = feedPart(tempDir(t), 8_000)
const { part, upTo } = feedInParts(files, 3)
const broker = await startBroker(t)

async function produce (set: Record<string, string>): Promise<void> {
  for (const [topic, path] of Object.entries(set)) await broker.produceFile(topic, path)
}

await produce(part[0]!)

const SETTINGS = { INGEST_BATCH_MAX_MESSAGES: '25', KAFKA_SESSION_TIMEOUT_MS: '6000',
  INGEST_RETRY_MAX_BACKOFF_MS: '1000' }

/** Queries the service over and over until stopped; every answer must be a 200. */
function keepQuerying (service: ServiceProcess) {
  const statuses: number[] = []
  let going = true
  const loop = (async () => {
    while (going) {
      statuses.push((await service.get('/v1/domains/*.com?limit=5')).status)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  })()

  return async () => {
    going = false
    await loop
    return statuses
  }
}

async function metric (service: ServiceProcess, line: RegExp): Promise<boolean> {
  const text = (await service.get('/metrics')).body as string
  return line.test(text)
}

/** Waits until the store holds the files produced so far, then checks it against them. */
async function caughtUp (t: Test, service: ServiceProcess, dbPath: string,
  produced: Record<string, string>) {
  const total = messageCount(produced)
  await waitFor(async () => storedMessages(dbPath) === total,
    () => `stored ${storedMessages(dbPath)} of ${total}\n${service.output().slice(-3000)}`)
  let ready = await service.get('/ready')
  await waitFor(async () => (ready = await service.get('/ready')).status === 200,
    () => `not ready: ${JSON.stringify(ready.body)}`)
  await assertExactStore(t, service, expectedFromFeed(produced))
}

t.test('a broker outage mid-ingest: degraded, serving, reconnects, exact', async (t) => {
  const dbPath = join(tempDir(t), 'outage.db')
  const service = await startService(t, kafkaEnv(broker, dbPath, 'outage', SETTINGS))
  await waitFor(async () => storedMessages(dbPath) > 500, () => service.output().slice(-3000))
  const queried = keepQuerying(service)
  await broker.pause()
  t.ok(storedMessages(dbPath) < messageCount(upTo[1]!), 'the broker went down mid-ingest')

  let ready = await service.get('/ready')
  await waitFor(async () => (ready = await service.get('/ready')).status === 503,
    () => `still ready during the outage: ${JSON.stringify(ready.body)}`)
  const checks = new Map(ready.body.checks.map((c: { name: string }) => [c.name, c]))
  t.match(checks.get('consumer'), { ok: false, detail: /no answer from|crashed|cannot reach/ })
  t.match(checks.get('store'), { ok: true }, 'the store itself is fine')
  t.ok(await metric(service, /^dnsledger_consumer_state\{state="consuming"\} 0$/m),
    'the metrics say it is not consuming')
  // Long enough for kafkajs to give up, so that dnsledger has to start a new consumer.
  const restarted = /^dnsledger_consumer_restarts_total\{reason="\w+"\} [1-9]/m
  await waitFor(() => metric(service, restarted), () => service.output().slice(-3000))

  await broker.resume()
  await produce(part[1]!)
  await caughtUp(t, service, dbPath, upTo[1]!)
  t.ok(await metric(service, /^dnsledger_consumer_state\{state="consuming"\} 1$/m),
    'consuming again, by itself')
  const statuses = await queried()
  t.ok(statuses.length > 0 && statuses.every((status) => status === 200),
    `${statuses.length} queries during the outage, all answered`)
  t.equal(await service.stop('SIGTERM'), 0)
})

t.test('a database write lock held elsewhere pauses ingest, visibly, until released',
  async (t) => {
    const dbPath = join(tempDir(t), 'locked.db')
    const service = await startService(t, kafkaEnv(broker, dbPath, 'locked', SETTINGS))
    await waitFor(async () => storedMessages(dbPath) > 500, () => service.output().slice(-3000))
    const queried = keepQuerying(service)
    const lock = new Database(dbPath)
    t.teardown(() => lock.close())
    lock.exec('BEGIN IMMEDIATE')
    await produce(part[2]!)

    let ready = await service.get('/ready')
    await waitFor(async () => (ready = await service.get('/ready')).status === 503,
      () => `still ready while locked: ${service.output().slice(-2000)}`)
    t.match(ready.body.checks.find((c: { name: string }) => c.name === 'store_writes'),
      { ok: false, detail: /SQLITE_BUSY.*only one dnsledger may write.*paused and retried/ })
    t.ok(await metric(service, /^dnsledger_store_write_faulted 1$/m), 'faulted, in the metrics')
    const failures = /^dnsledger_store_write_failures_total\{code="SQLITE_BUSY"\} [1-9]/m
    t.ok(await metric(service, failures), 'each failed try counted')
    const paused = storedMessages(dbPath)
    await service.get('/ready')
    t.equal(storedMessages(dbPath), paused, 'nothing stored while locked')

    lock.exec('ROLLBACK')
    await caughtUp(t, service, dbPath, upTo[2]!)
    t.ok(await metric(service, /^dnsledger_store_write_faulted 0$/m))
    const statuses = await queried()
    t.ok(statuses.every((status) => status === 200), `${statuses.length} queries, all answered`)
    const output = service.output()
    t.equal(output.split('store write failed; ingest paused').length - 1, 1, 'logged once')
    t.equal(output.split('store writes recovered; ingest resumed').length - 1, 1)
    t.equal(await service.stop('SIGTERM'), 0)
  })
