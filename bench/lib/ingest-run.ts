/**
 * The real ingest path: the built service (dist/src/main.js) as a child process, consuming a
 * window's topics from the broker through kafkajs, the parsers and the store. Progress is read
 * from the store itself (the Kafka offsets it commits with the rows), from another connection.
 */
import Database from 'better-sqlite3'
import type { TestBroker } from './feed-broker.js'
import { memoryMiB, startNode, type Served } from './child-process.js'

const MAIN = new URL('../../src/main.js', import.meta.url)

export interface ServiceOptions {
  db: string
  logFile: string
  /** Consume this window's topics; none: serve the store only. */
  kafka?: { broker: TestBroker, prefix: string, groupId: string }
  env?: Record<string, string>
  /** Another build's dist/src/main.js (a before/after comparison); by default this one's. */
  main?: URL
}

export function startService (options: ServiceOptions): Promise<Served> {
  const env: Record<string, string> = {
    DNSLEDGER_DB: options.db,
    DNSLEDGER_LOAD_SAMPLE: 'never',
    ...options.env
  }
  const kafka = options.kafka
  if (kafka !== undefined) {
    Object.assign(env, {
      KAFKA_BROKERS: kafka.broker.brokers.join(','),
      KAFKA_GROUP_ID: kafka.groupId,
      KAFKA_TOPIC_PREFIX: kafka.prefix,
      KAFKA_SASL_MECHANISM: kafka.broker.mechanism,
      KAFKA_SASL_USERNAME: kafka.broker.username,
      KAFKA_SASL_PASSWORD: kafka.broker.password
    })
  }

  return startNode(options.main ?? MAIN, env, options.logFile)
}

/** Messages the store has taken from a window's topics, by its stored offsets. */
export class OffsetWatch {
  readonly prefix: string
  readonly #db: Database.Database
  readonly #sum: Database.Statement

  constructor (dbPath: string, prefix: string) {
    this.#db = new Database(dbPath, { readonly: true, fileMustExist: true })
    this.#sum = this.#db.prepare(`
      SELECT coalesce(sum(CAST(next_offset AS INTEGER)), 0)
      FROM kafka_offsets
      WHERE substr(topic, 1, ?) = ?`).pluck()
    this.prefix = prefix
  }

  consumed (): number {
    return this.#sum.get(this.prefix.length, this.prefix) as number
  }

  close (): void {
    this.#db.close()
  }
}

export interface IngestMeasure {
  /** Messages per second from the first stored chunk to the last. */
  rate: number
  seconds: number
  peakRssMiB: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** What the ingest figures read: messages stored so far. */
export interface ConsumedCount {
  consumed: () => number
}

function tooSmallWindow (total: number): Error {
  return new Error(`the ingest window of ${total} messages was stored between two polls, too ` +
    'fast to time: raise BENCH_INGEST_MESSAGES')
}

/** Polls until `total` messages are stored; the clock starts at the first stored chunk. */
export async function waitIngested (watch: ConsumedCount, total: number, pid: number,
  timeoutMs: number): Promise<IngestMeasure> {
  const deadline = Date.now() + timeoutMs
  let first: { at: number, count: number } | undefined
  let peakRssMiB = 0
  while (Date.now() < deadline) {
    const count = watch.consumed()
    const at = performance.now()
    peakRssMiB = Math.max(peakRssMiB, memoryMiB(pid).rss)
    if (first === undefined && count > 0) first = { at, count }
    if (first !== undefined && count >= total) {
      // Stored whole between two polls, a window has no duration to divide by: every figure
      // built on its rate would be NaN, and the lookups during ingest would get no messages.
      if (count === first.count) throw tooSmallWindow(total)
      const seconds = (at - first.at) / 1000
      return { rate: (count - first.count) / seconds, seconds, peakRssMiB }
    }
    await sleep(100)
  }
  throw new Error(`ingest stored ${watch.consumed()} of ${total} messages in ${timeoutMs} ms`)
}

/** Resolves once the consumer has stored something and kept going for `warmMs`. */
export async function waitFlowing (watch: OffsetWatch, warmMs: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (watch.consumed() === 0) {
    if (Date.now() > deadline) throw new Error('ingest did not start')
    await sleep(50)
  }
  await sleep(warmMs)
}

/** Waits until `watch` counts more than `from`; false when it has not within `timeoutMs`. */
export async function waitPast (watch: ConsumedCount, from: number,
  timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (watch.consumed() <= from) {
    if (Date.now() > deadline) return false
    await sleep(50)
  }

  return true
}

export function storeCounts (dbPath: string): { observations: number, rejected: number } {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true })
  try {
    return {
      observations: db.prepare('SELECT count(*) FROM observations').pluck().get() as number,
      rejected: db.prepare('SELECT count(*) FROM rejected_messages').pluck().get() as number
    }
  } finally {
    db.close()
  }
}
