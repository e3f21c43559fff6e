/**
 * Parses chunks and writes them on the calling thread: the writer thread runs one, and so do
 * the command-line tools, which serve no HTTP and would gain nothing from a hand-off.
 */
import type { IngestBatch } from '../store/batch-writer.js'
import type { Store } from '../store/store.js'
import { BatchBuilder } from './batch-builder.js'
import { chunkMessages, messageCount, type MessageChunk } from './message-chunk.js'
import type { ChunkResult, StoreWriter } from './store-writer.js'

/** What became of one chunk of a group: its figures, or the error that failed it. */
export type ChunkOutcome = { result: ChunkResult } | { error: unknown }

interface Parsed {
  chunk: MessageChunk
  batch: IngestBatch
  parseSeconds: number
}

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
    const [outcome] = this.writeGroupNow([chunk])
    if (outcome === undefined || 'error' in outcome) throw outcome?.error

    return outcome.result
  }

  /**
   * Chunks written in one transaction, so that they share its page writes. A chunk that
   * cannot be parsed fails alone; a write that fails, fails every chunk of the group.
   */
  writeGroupNow (chunks: MessageChunk[]): ChunkOutcome[] {
    const parsed = chunks.map((chunk) => this.#parse(chunk))
    const batches = parsed.flatMap((p) => 'batch' in p ? [p.batch] : [])
    const started = performance.now()
    let results
    try {
      results = this.#store.writeAll(batches)
    } catch (error) {
      return parsed.map((p) => 'error' in p ? p : { error })
    }
    const writeSeconds = (performance.now() - started) / 1000
    let next = 0

    return parsed.map((p) => {
      if ('error' in p) return p
      const result = results[next++] ?? { observations: 0, distinct: 0, newDomains: 0,
        rejects: 0, alreadyStored: false }
      return { result: { ...result, messages: messageCount(p.chunk),
        rejectedByCode: rejectedByCode(p.batch), parseSeconds: p.parseSeconds, writeSeconds } }
    })
  }

  #parse (chunk: MessageChunk): Parsed | { error: unknown } {
    try {
      const started = performance.now()
      const builder = new BatchBuilder(this.#topicPrefix)
      const now = Math.floor(Date.now() / 1000)
      for (const message of chunkMessages(chunk)) builder.add(message, now)
      const batch = builder.take()
      batch.offsets = chunk.offsets

      return { chunk, batch, parseSeconds: (performance.now() - started) / 1000 }
    } catch (error) {
      return { error }
    }
  }

  async close (): Promise<void> {}
}
