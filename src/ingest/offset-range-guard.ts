/**
 * Compares the store's offset of a partition with the offsets the broker still has: when the
 * consumer starts (from the admin API) and at every batch (from its high watermark and first
 * offset). A stored offset outside the partition is moved, in a transaction of its own, to the
 * partition's earliest offset, and reported by the OffsetAudit. A partition the store has never
 * read is read from its earliest offset, whatever the group committed in Kafka: the store, not
 * Kafka, knows what it holds (a new database under an old group id must still get everything).
 */
import type { EachBatchPayload } from 'kafkajs'
import { writeContext, type ChunkWriter, type WriteContext } from './chunk-writer.js'
import { offsetChunk } from './message-chunk.js'
import { classifyOffset, type OffsetAnomaly, type OffsetAudit, type OffsetRange }
  from './offset-audit.js'
import type { PartitionOffsets, TopicPartition } from './partition-offsets.js'

export type EarliestOffset = (topic: string, partition: number) => Promise<bigint | undefined>

export interface OffsetRangeGuardOptions {
  offsets: PartitionOffsets
  audit: OffsetAudit
  writer: ChunkWriter
  /** The partition's earliest offset from the broker, asked only when a batch skips ahead. */
  earliest: EarliestOffset
}

export class OffsetRangeGuard {
  readonly #options: OffsetRangeGuardOptions

  constructor (options: OffsetRangeGuardOptions) {
    this.#options = options
  }

  /** False when a stop or rebalance interrupted the move of the stored offset. */
  async checkRange (at: TopicPartition, range: OffsetRange,
    context: WriteContext): Promise<boolean> {
    const { offsets } = this.#options
    offsets.setHighWatermark(at.topic, at.partition, range.high)
    const stored = offsets.storedNext(at.topic, at.partition)
    if (stored === undefined) {
      offsets.resumeAt(at.topic, at.partition, range.low)
      return true
    }
    const kind = classifyOffset(stored, range)

    return kind === undefined || this.#move({ ...at, kind, stored, range, at: Date.now() }, context)
  }

  /**
   * A high watermark below the stored offset means the partition was re-created under us; a
   * first offset past it may be retention (or only compaction), which the broker settles.
   */
  async checkBatch (payload: EachBatchPayload): Promise<boolean> {
    const { topic, partition, highWatermark, messages } = payload.batch
    const at = { topic, partition }
    const high = BigInt(highWatermark)
    const stored = this.#options.offsets.storedNext(topic, partition)
    const first = messages[0] === undefined ? undefined : BigInt(messages[0].offset)
    this.#options.offsets.setHighWatermark(topic, partition, high)
    if (stored === undefined || first === undefined) return true
    if (high < stored) return this.checkRange(at, { low: first, high }, writeContext(payload))
    if (first <= stored) return true

    const low = await this.#options.earliest(topic, partition)
    return low === undefined || this.checkRange(at, { low, high }, writeContext(payload))
  }

  async #move (anomaly: OffsetAnomaly, context: WriteContext): Promise<boolean> {
    const { topic, partition, range } = anomaly
    const chunk = offsetChunk({ topic, partition, nextOffset: String(range.low) })
    if (await this.#options.writer.write(chunk, context) === undefined) return false

    this.#options.offsets.markStored(topic, partition, range.low)
    this.#options.audit.report(anomaly)
    return true
  }
}
