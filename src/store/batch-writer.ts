/**
 * Writes ingest batches in one transaction: the observations they carry, the newly observed
 * domains, the messages set aside, and the Kafka offsets that each batch brings the store to.
 * Because the offsets commit with the rows, a crash leaves either all of a transaction or none
 * of it; and a batch whose offsets the store already holds is not written again (see
 * #alreadyStored). Several batches (chunks of different partitions) share one transaction when
 * they are written together: their repeats are folded together, and every page the upserts
 * dirty is written once per transaction rather than once per chunk.
 */
import type { Database, Statement } from 'better-sqlite3'
import { MAX_MESSAGE_BYTES } from '../feeds/payload-text.js'
import { RRTYPE_CODES, type NewDomain, type Observation } from '../feeds/observation.js'
import type { NameDictionary } from './name-dictionary.js'
import { encodeRdata } from './rdata-codec.js'

/** The first bytes of a rejected payload kept for a person to read; the rest is counted only. */
export const REJECT_PAYLOAD_HEAD_BYTES = 512

/**
 * Payloads up to the parser's limit are also kept whole, for `dnsledger reingest` after a fix;
 * a larger one was never parsed (too_large) and could not be re-ingested anyway.
 */
export const REJECT_PAYLOAD_KEPT_BYTES = MAX_MESSAGE_BYTES

export interface RejectedRecord {
  topic: string
  partition: number
  offset: string
  code: string
  reason: string
  payload: Buffer
}

export interface PartitionOffset {
  topic: string
  partition: number
  /** The offset of the next message to read, as Kafka offsets are 64-bit. */
  nextOffset: string
}

export interface IngestBatch {
  observations: Observation[]
  newDomains: NewDomain[]
  rejects: RejectedRecord[]
  offsets: PartitionOffset[]
  /** Ids of set-aside messages that now parsed (reingest), removed in the same transaction. */
  settledRejects?: number[]
}

export interface BatchResult {
  observations: number
  /** Rows upserted by the transaction, shared by the batches written together. */
  distinct: number
  newDomains: number
  rejects: number
  /** The store held the batch's offsets already: it was written before, and not again now. */
  alreadyStored: boolean
}

interface Aggregate {
  observation: Observation
  firstSeen: number
  lastSeen: number
  count: number
}

/** Repeated pairs are common in a feed; folding them first saves most upserts. */
function aggregate (observations: Observation[]): Map<string, Aggregate> {
  const byKey = new Map<string, Aggregate>()
  for (const observation of observations) {
    const key = `${observation.rrname}\u0000${observation.rrtype}\u0000${observation.rdata}`
    const seen = byKey.get(key)
    if (seen === undefined) {
      const time = observation.timeSeen
      byKey.set(key, { observation, firstSeen: time, lastSeen: time, count: 1 })
      continue
    }
    if (observation.timeSeen < seen.firstSeen) seen.firstSeen = observation.timeSeen
    if (observation.timeSeen > seen.lastSeen) seen.lastSeen = observation.timeSeen
    seen.count++
  }

  return byKey
}

function counts (batch: IngestBatch) {
  return {
    observations: batch.observations.length,
    newDomains: batch.newDomains.length,
    rejects: batch.rejects.length
  }
}

export class BatchWriter {
  readonly #names: NameDictionary
  readonly #upsertObservation: Statement
  readonly #upsertNewDomain: Statement
  readonly #insertRejected: Statement
  readonly #upsertOffset: Statement
  readonly #deleteRejected: Statement
  readonly #selectOffset: Statement
  readonly #write: (batches: IngestBatch[], nowSeconds: number) => BatchResult[]

  constructor (db: Database, names: NameDictionary) {
    this.#names = names
    this.#upsertObservation = db.prepare(`
      INSERT INTO observations (rrname_id, rrtype, rdata, first_seen, last_seen, count)
      VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (rrname_id, rrtype, rdata) DO UPDATE SET
        first_seen = min(first_seen, excluded.first_seen),
        last_seen = max(last_seen, excluded.last_seen),
        count = count + excluded.count
    `)
    this.#upsertNewDomain = db.prepare(`
      INSERT INTO new_domains (domain_id, first_seen, nameserver_id, count)
      VALUES (?, ?, ?, 1)
      ON CONFLICT (domain_id) DO UPDATE SET
        nameserver_id = iif(excluded.first_seen < first_seen, excluded.nameserver_id, nameserver_id),
        first_seen = min(first_seen, excluded.first_seen),
        count = count + 1
    `)
    this.#insertRejected = db.prepare(`
      INSERT INTO rejected_messages
        (topic, partition, offset, code, reason, payload_head, payload_bytes, rejected_at, payload)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    `)
    this.#deleteRejected = db.prepare('DELETE FROM rejected_messages WHERE id = ?')
    this.#upsertOffset = db.prepare(`
      INSERT INTO kafka_offsets (topic, partition, next_offset, updated_at)
      VALUES (?, ?, ?, ?)
      ON CONFLICT (topic, partition) DO UPDATE SET
        next_offset = excluded.next_offset,
        updated_at = excluded.updated_at
    `)
    this.#selectOffset = db.prepare(`
      SELECT next_offset
      FROM kafka_offsets
      WHERE topic = ? AND partition = ?
    `).pluck()
    this.#write = db.transaction((batches: IngestBatch[], now: number) =>
      this.#writeAll(batches, now))
  }

  /** Each batch's figures, in order; all of them are written, or none. */
  write (batches: IngestBatch[], nowSeconds = Math.floor(Date.now() / 1000)): BatchResult[] {
    try {
      return this.#write(batches, nowSeconds)
    } catch (err) {
      this.#names.forgetUncommitted()
      throw err
    }
  }

  #writeAll (batches: IngestBatch[], nowSeconds: number): BatchResult[] {
    const fresh = batches.filter((batch) => !this.#alreadyStored(batch.offsets))
    const distinct = this.#writeObservations(fresh.flatMap((batch) => batch.observations))
    for (const batch of fresh) this.#writeRest(batch, nowSeconds)

    return batches.map((batch) => fresh.includes(batch)
      ? { ...counts(batch), distinct, alreadyStored: false }
      : { ...counts(batch), distinct: 0, alreadyStored: true })
  }

  #writeRest (batch: IngestBatch, nowSeconds: number): void {
    for (const domain of batch.newDomains) this.#writeNewDomain(domain)
    for (const rejected of batch.rejects) this.#writeRejected(rejected, nowSeconds)
    for (const id of batch.settledRejects ?? []) this.#deleteRejected.run(id)
    for (const offset of batch.offsets) {
      this.#upsertOffset.run(offset.topic, offset.partition, offset.nextOffset, nowSeconds)
    }
  }

  /**
   * A Kafka chunk always moves its partition's offset forward, so a store already at every
   * offset of a batch has committed it before: the writer thread died after the commit and
   * before its reply, and the chunk was sent again. Writing it twice would double its counts.
   */
  #alreadyStored (offsets: PartitionOffset[]): boolean {
    return offsets.length > 0 && offsets.every((offset) =>
      this.#selectOffset.get(offset.topic, offset.partition) === offset.nextOffset)
  }

  #writeObservations (observations: Observation[]): number {
    const idOf = (name: string): number => this.#names.idOf(name)
    const aggregates = aggregate(observations)
    for (const { observation, firstSeen, lastSeen, count } of aggregates.values()) {
      this.#upsertObservation.run(
        idOf(observation.rrname),
        RRTYPE_CODES[observation.rrtype],
        encodeRdata(observation.rrtype, observation.rdata, idOf),
        firstSeen,
        lastSeen,
        count
      )
    }

    return aggregates.size
  }

  #writeNewDomain (domain: NewDomain): void {
    const domainId = this.#names.idOf(domain.domain)
    const nameserverId = this.#names.idOf(domain.nameserver)
    this.#upsertNewDomain.run(domainId, domain.firstSeen, nameserverId)
  }

  #writeRejected (rejected: RejectedRecord, nowSeconds: number): void {
    this.#insertRejected.run(
      rejected.topic,
      rejected.partition,
      rejected.offset,
      rejected.code,
      rejected.reason,
      rejected.payload.subarray(0, REJECT_PAYLOAD_HEAD_BYTES),
      rejected.payload.length,
      nowSeconds,
      rejected.payload.length <= REJECT_PAYLOAD_KEPT_BYTES ? rejected.payload : null
    )
  }
}
