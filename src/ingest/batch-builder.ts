/**
 * Turns raw feed messages into one store batch: each message is parsed by its topic's parser,
 * and one that does not parse is set aside with its reason instead of stopping the batch.
 * Shared by the Kafka consumer and the file ingest command, so both store exactly the same.
 */
import { feedKindOfTopic, parsers } from '../feeds/index.js'
import { reject } from '../feeds/reject-codes.js'
import type { IngestBatch, PartitionOffset } from '../store/batch-writer.js'

export interface RawMessage {
  topic: string
  partition: number
  offset: string
  value: Buffer | null
}

export interface BatchTally {
  consumed: number
  rejectedByCode: Map<string, number>
}

export function emptyBatch (): IngestBatch {
  return { observations: [], newDomains: [], rejects: [], offsets: [] }
}

export class BatchBuilder {
  readonly #topicPrefix: string
  #batch = emptyBatch()
  #offsets = new Map<string, PartitionOffset>()
  #messages = 0

  constructor (topicPrefix = '') {
    this.#topicPrefix = topicPrefix
  }

  get size (): number {
    return this.#messages
  }

  add (message: RawMessage, nowSeconds: number): void {
    this.#messages++
    this.#advanceOffset(message)
    const kind = feedKindOfTopic(message.topic, this.#topicPrefix)
    const payload = message.value ?? Buffer.alloc(0)
    const result = kind === undefined
      ? reject('unknown_topic', `topic ${message.topic} is not a feed topic`)
      : parsers[kind](payload, nowSeconds)
    if (!result.ok) {
      this.#batch.rejects.push({ ...message, code: result.code, reason: result.reason, payload })
      return
    }
    for (const observation of result.observations) this.#batch.observations.push(observation)
    if (result.newDomain !== undefined) this.#batch.newDomains.push(result.newDomain)
  }

  /** The batch so far, with the offsets it brings each partition to; the builder starts over. */
  take (): IngestBatch {
    const batch = this.#batch
    batch.offsets = [...this.#offsets.values()]
    this.#batch = emptyBatch()
    this.#offsets = new Map()
    this.#messages = 0

    return batch
  }

  #advanceOffset (message: RawMessage): void {
    if (message.partition < 0) return
    const key = `${message.topic}\u0000${message.partition}`
    const nextOffset = (BigInt(message.offset) + 1n).toString()
    this.#offsets.set(key, { topic: message.topic, partition: message.partition, nextOffset })
  }
}
