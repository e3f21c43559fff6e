/**
 * What the consumer does with one Kafka batch of one partition (kafkajs eachBatch). Messages
 * below the store's offset were stored before and are skipped (and resolved, so that kafkajs
 * moves on); the rest are parsed and written in chunks, each chunk one transaction with the
 * offset it reaches. Only a stored chunk is resolved; its offset is then committed to Kafka,
 * where it serves monitoring. A stop or rebalance between chunks leaves the rest for later.
 */
import type { Batch, EachBatchPayload, KafkaMessage } from 'kafkajs'
import type { Logger } from '../logger.js'
import type { ServiceMetrics } from '../metrics/service-metrics.js'
import type { IngestBatch } from '../store/batch-writer.js'
import { BatchBuilder, type RawMessage } from './batch-builder.js'
import { writeContext, type ChunkWriter, type WrittenChunk } from './chunk-writer.js'
import type { OffsetRangeGuard } from './offset-range-guard.js'
import type { PartitionOffsets } from './partition-offsets.js'

export interface BatchProcessorOptions {
  offsets: PartitionOffsets
  writer: ChunkWriter
  guard: OffsetRangeGuard
  metrics: ServiceMetrics
  logger: Logger
  chunkMaxMessages: number
  topicPrefix: string
  /** Called after every stored chunk: the consumer is making progress. */
  onStored: () => void
}

function rawMessage (batch: Batch, message: KafkaMessage): RawMessage {
  return { topic: batch.topic, partition: batch.partition, offset: message.offset,
    value: message.value }
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
    const builder = new BatchBuilder(this.#options.topicPrefix)
    let lastAdded: string | undefined
    for (const message of batch.messages) {
      if (!payload.isRunning() || payload.isStale()) break
      if (this.#isStored(batch, message.offset)) {
        payload.resolveOffset(message.offset)
        continue
      }
      builder.add(rawMessage(batch, message), Math.floor(Date.now() / 1000))
      lastAdded = message.offset
      if (builder.size < this.#options.chunkMaxMessages) continue
      if (!(await this.#writeChunk(builder, payload, lastAdded))) return false
    }

    return builder.size === 0 || await this.#writeChunk(builder, payload, lastAdded as string)
  }

  #isStored (batch: Batch, offset: string): boolean {
    const stored = this.#options.offsets.storedNext(batch.topic, batch.partition)

    return stored !== undefined && BigInt(offset) < stored
  }

  async #writeChunk (builder: BatchBuilder, payload: EachBatchPayload,
    offset: string): Promise<boolean> {
    const { batch } = payload
    const messages = builder.size
    const next = nextOffsetAfter(batch, offset)
    const chunk = builder.take()
    chunk.offsets = [{ topic: batch.topic, partition: batch.partition, nextOffset: String(next) }]
    const written = await this.#options.writer.write(chunk, writeContext(payload, offset))
    if (written === undefined) return false

    this.#options.offsets.markStored(batch.topic, batch.partition, next)
    payload.resolveOffset(offset)
    this.#record(batch, messages, chunk, written)
    await payload.heartbeat()

    return true
  }

  #record (batch: Batch, messages: number, chunk: IngestBatch, written: WrittenChunk): void {
    const { metrics } = this.#options
    const topic = batch.topic
    metrics.consumed.inc({ topic }, messages)
    metrics.stored.inc({ topic }, messages - chunk.rejects.length)
    for (const reject of chunk.rejects) metrics.rejected.inc({ topic, code: reject.code })
    metrics.chunkMessages.observe({}, messages)
    metrics.chunkSeconds.observe({}, written.seconds)
    metrics.lastStoreCommit.set({}, Date.now() / 1000)
    this.#options.logger.debug({ topic, partition: batch.partition, messages,
      distinct: written.result.distinct, rejects: written.result.rejects }, 'chunk stored')
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
