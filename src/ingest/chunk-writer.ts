/**
 * Writes one chunk (rows, set-aside messages and the offset they reach) in one transaction,
 * through the store writer (in the service, a thread of its own: writer-thread.ts).
 * When the write fails for a reason that can pass (disk full, lock, read-only, I/O error),
 * ingest pauses: the chunk is tried again after a bounded backoff, the consumer keeps its
 * group membership with heartbeats, and nothing is resolved or committed past what was stored.
 * A stop or a rebalance ends the wait; the chunk is then read again later, from the store's
 * offset. A failure that cannot pass is thrown, for the service to stop.
 */
import type { EachBatchPayload } from 'kafkajs'
import { backoffMs, wait } from './backoff.js'
import type { MessageChunk } from './message-chunk.js'
import { fatalWriteError, isTransientWriteError, writeFailure } from './store-fault.js'
import type { ChunkResult, StoreWriter } from './store-writer.js'
import type { WriteFaults } from './write-faults.js'

/** Heartbeats go out at least this often while a write waits to be tried again. */
const HEARTBEAT_SLICE_MS = 1_000

export interface WriteContext {
  isRunning: () => boolean
  isStale: () => boolean
  heartbeat: () => Promise<void>
  /** Where the chunk comes from, for the logs and errors. */
  where: Record<string, unknown>
}

/** The context of a chunk of a kafkajs batch. */
export function writeContext (payload: EachBatchPayload, offset?: string): WriteContext {
  const { batch } = payload

  return {
    isRunning: payload.isRunning,
    isStale: payload.isStale,
    heartbeat: payload.heartbeat,
    where: { topic: batch.topic, partition: batch.partition, offset }
  }
}

export class ChunkWriter {
  readonly #writer: StoreWriter
  readonly #faults: WriteFaults
  readonly #maxBackoffMs: number
  readonly #signal: AbortSignal

  constructor (writer: StoreWriter, faults: WriteFaults, maxBackoffMs: number,
    signal: AbortSignal) {
    this.#writer = writer
    this.#faults = faults
    this.#maxBackoffMs = maxBackoffMs
    this.#signal = signal
  }

  /** The written chunk's figures, or undefined when a stop or rebalance ended the retries. */
  async write (chunk: MessageChunk, context: WriteContext): Promise<ChunkResult | undefined> {
    for (let attempt = 0; ; attempt++) {
      const written = await this.#tryWrite(chunk, context, attempt)
      if (written !== undefined) return written

      if (!(await this.#waitToRetry(attempt, context))) return undefined
    }
  }

  async #tryWrite (chunk: MessageChunk, context: WriteContext,
    attempt: number): Promise<ChunkResult | undefined> {
    try {
      const result = await this.#writer.write(chunk)
      this.#faults.recovered()
      return result
    } catch (err) {
      if (!isTransientWriteError(err)) throw fatalWriteError(err, context.where)
      this.#faults.failed(writeFailure(err, context.where), backoffMs(attempt, this.#maxBackoffMs))
      return undefined
    }
  }

  async #waitToRetry (attempt: number, context: WriteContext): Promise<boolean> {
    let left = backoffMs(attempt, this.#maxBackoffMs)
    while (left > 0) {
      const slice = Math.min(left, HEARTBEAT_SLICE_MS)
      await wait(slice, this.#signal)
      left -= slice
      if (this.#signal.aborted || !context.isRunning() || context.isStale()) return false

      await context.heartbeat()
    }

    return true
  }
}
