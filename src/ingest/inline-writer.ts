/**
 * Parses a chunk and writes it on the calling thread: the writer thread runs one, and so do
 * the command-line tools, which serve no HTTP and would gain nothing from a hand-off.
 */
import type { IngestBatch } from '../store/batch-writer.js'
import type { Store } from '../store/store.js'
import { BatchBuilder } from './batch-builder.js'
import { chunkMessages, messageCount, type MessageChunk } from './message-chunk.js'
import type { ChunkResult, StoreWriter } from './store-writer.js'

function rejectedByCode (batch: IngestBatch): Record<string, number> {
  const byCode: Record<string, number> = {}
  for (const { code } of batch.rejects) byCode[code] = (byCode[code] ?? 0) + 1

  return byCode
}

export class InlineWriter implements StoreWriter {
  readonly #store: Store
  readonly #topicPrefix: string

  constructor (store: Store, topicPrefix = '') {
    this.#store = store
    this.#topicPrefix = topicPrefix
  }

  async write (chunk: MessageChunk): Promise<ChunkResult> {
    return this.writeNow(chunk)
  }

  /** The same, synchronously: throws what the store throws. */
  writeNow (chunk: MessageChunk): ChunkResult {
    const started = performance.now()
    const builder = new BatchBuilder(this.#topicPrefix)
    const now = Math.floor(Date.now() / 1000)
    for (const message of chunkMessages(chunk)) builder.add(message, now)
    const batch = builder.take()
    batch.offsets = chunk.offsets
    const parsed = performance.now()
    const result = this.#store.write(batch)

    return { ...result, messages: messageCount(chunk), rejectedByCode: rejectedByCode(batch),
      parseSeconds: (parsed - started) / 1000, writeSeconds: (performance.now() - parsed) / 1000 }
  }

  async close (): Promise<void> {}
}
