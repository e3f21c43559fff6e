/**
 * Turns raw feed messages into one store batch: each message is parsed by its topic's parser,
 * and one that does not parse is set aside with its reason instead of stopping the batch.
 * Runs where the chunk is written (the writer thread, or the command line's own thread), for
 * the Kafka consumer and file ingest alike, so both store exactly the same. The offsets to
 * store come with the chunk, not from here.
 */
import { feedKindOfTopic, parsers } from '../feeds/index.js'
import { reject } from '../feeds/reject-codes.js'
import type { IngestBatch } from '../store/batch-writer.js'

export interface RawMessage {
  topic: string
  partition: number
  offset: string
  value: Buffer | null
  /** The file of a line (then `offset` is its line number); none for a Kafka message. */
  source?: string
}

/**
 * Why a message was set aside; a line of a file also says which file, since the rows of
 * several files share one list and a line number alone names no line.
 */
function rejectReason (message: RawMessage, reason: string): string {
  return message.source === undefined
    ? reason
    : `${reason} (line ${message.offset} of ${message.source})`
}

export function emptyBatch (): IngestBatch {
  return { observations: [], newDomains: [], rejects: [], offsets: [] }
}

export class BatchBuilder {
  readonly #topicPrefix: string
  #batch = emptyBatch()
  #messages = 0

  constructor (topicPrefix = '') {
    this.#topicPrefix = topicPrefix
  }

  get size (): number {
    return this.#messages
  }

  add (message: RawMessage, nowSeconds: number): void {
    this.#messages++
    const kind = feedKindOfTopic(message.topic, this.#topicPrefix)
    const payload = message.value ?? Buffer.alloc(0)
    const result = kind === undefined
      ? reject('unknown_topic', `topic ${message.topic} is not a feed topic`)
      : parsers[kind](payload, nowSeconds)
    if (!result.ok) {
      const { topic, partition, offset } = message
      this.#batch.rejects.push({ topic, partition, offset, code: result.code,
        reason: rejectReason(message, result.reason), payload })
      return
    }
    for (const observation of result.observations) this.#batch.observations.push(observation)
    if (result.newDomain !== undefined) this.#batch.newDomains.push(result.newDomain)
  }

  /** The batch so far, with no offsets; the builder starts over. */
  take (): IngestBatch {
    const batch = this.#batch
    this.#batch = emptyBatch()
    this.#messages = 0

    return batch
  }
}
