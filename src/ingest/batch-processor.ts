/**
 * What the consumer does with one Kafka batch of one partition (kafkajs eachBatch). Messages
 * below the store's offset were stored before and are skipped (and resolved, so that kafkajs
 * moves on); the rest are packed raw into chunks, which the store writer parses and writes,
 * each chunk one transaction with the offset it reaches. Only a stored chunk is resolved; its
 * offset is then committed to Kafka, where it serves monitoring. A stop or rebalance between
 * chunks leaves the rest for later.
 */
import type { Batch, EachBatchPayload } from 'kafkajs'
import type { Logger } from '../logger.js'
import type { ServiceMetrics } from '../metrics/service-metrics.js'
import { writeContext, type ChunkWriter } from './chunk-writer.js'
import { ChunkPacker } from './message-chunk.js'
import type { OffsetRangeGuard } from './offset-range-guard.js'
import type { PartitionOffsets } from './partition-offsets.js'
import type { ChunkResult } from './store-writer.js'

export interface BatchProcessorOptions {
  offsets: PartitionOffsets
  writer: ChunkWriter
  guard: OffsetRangeGuard
  metrics: ServiceMetrics
  logger: Logger
  chunkMaxMessages: number
  /** Called after every stored chunk: the consumer is making progress. */
  onStored: () => void
}

export class BatchProcessor {
  readonly #options: BatchProcessorOptions

  constructor (options: BatchProcessorOptions) {
    this.#options = options
  }

  async process (payload: EachBatchPayload): Promise<void> {
    if (!(await this.#options.guard.checkBatch(payload))) return

    if (await this.#consume(payload)) await this.#commitToKafka(payload)
  }

  /** False when a chunk was given up (a stop or rebalance while its write failed). */
  async #consume (payload: EachBatchPayload): Promise<boolean> {
    const { batch } = payload
    const packer = new ChunkPacker(batch.topic, batch.partition)
    let lastAdded: string | undefined
    for (const message of batch.messages) {
      if (!payload.isRunning() || payload.isStale()) break
      if (this.#isStored(batch, message.offset)) {
        payload.resolveOffset(message.offset)
        continue
      }
      packer.add(message.offset, message.value)
      lastAdded = message.offset
      if (packer.size < this.#options.chunkMaxMessages) continue
      if (!(await this.#writeChunk(packer, payload, lastAdded))) return false
    }

    return packer.size === 0 || await this.#writeChunk(packer, payload, lastAdded as string)
  }

  #isStored (batch: Batch, offset: string): boolean {
    const stored = this.#options.offsets.storedNext(batch.topic, batch.partition)

    return stored !== undefined && BigInt(offset) < stored
  }

  async #writeChunk (packer: ChunkPacker, payload: EachBatchPayload,
    offset: string): Promise<boolean> {
    const { batch } = payload
    const next = nextOffsetAfter(batch, offset)
    const chunk = packer.take([{ topic: batch.topic, partition: batch.partition,
      nextOffset: String(next) }])
    const written = await this.#options.writer.write(chunk, writeContext(payload, offset))
    if (written === undefined) return false

    this.#options.offsets.markStored(batch.topic, batch.partition, next)
    payload.resolveOffset(offset)
    this.#record(batch, written)
    await payload.heartbeat()

    return true
  }

  /** The writer's figures: a chunk stored before, by a writer thread that died, counts now. */
  #record (batch: Batch, written: ChunkResult): void {
    const { metrics } = this.#options
    const { topic } = batch
    const { messages, rejects } = written
    metrics.countChunk(topic, written)
    this.#options.logger.debug({ topic, partition: batch.partition, messages,
      distinct: written.distinct, rejects, alreadyStored: written.alreadyStored }, 'chunk stored')
    this.#options.onStored()
  }

  /** For monitoring only: a failure here loses nothing, the next batch commits again. */
  async #commitToKafka (payload: EachBatchPayload): Promise<void> {
    const { topic, partition } = payload.batch
    const next = this.#options.offsets.storedNext(topic, partition)
    if (next === undefined) return
    try {
      const partitions = [{ partition, offset: String(next) }]
      await payload.commitOffsetsIfNecessary({ topics: [{ topic, partitions }] })
      this.#options.metrics.lastKafkaCommit.set({}, Date.now() / 1000)
    } catch (err) {
      this.#options.logger.debug({ err, topic, partition }, 'offset commit to kafka failed')
    }
  }
}

/**
 * The offset after a chunk. At the end of the batch it is the batch's own last offset plus
 * one, as kafkajs resolves it, so that trailing transaction markers are not read again.
 */
function nextOffsetAfter (batch: Batch, offset: string): bigint {
  const last = batch.messages[batch.messages.length - 1]?.offset
  if (offset === last) return BigInt(batch.lastOffset()) + 1n

  return BigInt(offset) + 1n
}
