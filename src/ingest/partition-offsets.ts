/**
 * Where each partition stands, in memory: the next offset the store holds (the truth, loaded
 * from SQLite and advanced only after a transaction commits), where the next read must start
 * when that differs, the last high watermark the broker reported, and which partitions this
 * consumer is assigned. Lag is the high watermark minus the stored offset.
 */
import type { PartitionOffset } from '../store/batch-writer.js'

export interface TopicPartition {
  topic: string
  partition: number
}

export interface PartitionLag extends TopicPartition {
  lag: bigint
}

export function partitionKey (topic: string, partition: number): string {
  return `${topic}\u0000${partition}`
}

export class PartitionOffsets {
  readonly #stored = new Map<string, bigint>()
  readonly #resumeAt = new Map<string, bigint>()
  readonly #highWatermarks = new Map<string, { at: TopicPartition, offset: bigint }>()
  readonly #assigned = new Set<string>()

  /** Starts again from what the store holds; where to resume is decided anew after this. */
  load (offsets: PartitionOffset[]): void {
    this.#stored.clear()
    this.#resumeAt.clear()
    for (const { topic, partition, nextOffset } of offsets) {
      this.#stored.set(partitionKey(topic, partition), BigInt(nextOffset))
    }
  }

  /**
   * Takes in what the store holds where it moved unseen: a writer thread that died between its
   * commit and its reply leaves the store ahead of this map if the retry was then given up.
   */
  refresh (offsets: PartitionOffset[]): void {
    for (const { topic, partition, nextOffset } of offsets) {
      const next = BigInt(nextOffset)
      if (this.storedNext(topic, partition) !== next) this.markStored(topic, partition, next)
    }
  }

  storedNext (topic: string, partition: number): bigint | undefined {
    return this.#stored.get(partitionKey(topic, partition))
  }

  markStored (topic: string, partition: number, next: bigint): void {
    const key = partitionKey(topic, partition)
    this.#stored.set(key, next)
    this.#resumeAt.delete(key)
  }

  /** The next read starts here rather than at the stored offset (until a chunk is stored). */
  resumeAt (topic: string, partition: number, offset: bigint): void {
    this.#resumeAt.set(partitionKey(topic, partition), offset)
  }

  /** Where a freshly assigned partition must be read from; undefined: leave it to Kafka. */
  seekTarget (topic: string, partition: number): bigint | undefined {
    const key = partitionKey(topic, partition)

    return this.#resumeAt.get(key) ?? this.#stored.get(key)
  }

  setHighWatermark (topic: string, partition: number, offset: bigint): void {
    this.#highWatermarks.set(partitionKey(topic, partition), { at: { topic, partition }, offset })
  }

  assign (assignment: Record<string, number[]>): void {
    this.#assigned.clear()
    for (const [topic, partitions] of Object.entries(assignment)) {
      for (const partition of partitions) this.#assigned.add(partitionKey(topic, partition))
    }
  }

  /** Lag of every partition whose high watermark is known. */
  lags (): PartitionLag[] {
    return [...this.#highWatermarks].map(([key, { at, offset }]) => {
      const from = this.#stored.get(key) ?? this.#resumeAt.get(key) ?? 0n
      return { ...at, lag: offset > from ? offset - from : 0n }
    })
  }

  /** Messages in assigned partitions that the store has not reached (0 when none). */
  assignedLag (): bigint {
    return this.lags().filter(({ topic, partition }) =>
      this.#assigned.has(partitionKey(topic, partition))).reduce((sum, { lag }) => sum + lag, 0n)
  }
}
