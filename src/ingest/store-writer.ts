/**
 * What ingest writes through: a chunk of raw messages in, parsed and stored in one transaction
 * with its offsets, its figures out. The service writes through a thread of its own
 * (writer-thread.ts), so that no transaction holds up the thread that answers HTTP; the
 * command-line tools, which answer none, write on their own thread (inline-writer.ts).
 */
import type { BatchResult } from '../store/batch-writer.js'
import type { MessageChunk } from './message-chunk.js'

export interface ChunkResult extends BatchResult {
  messages: number
  /** Messages set aside, by reason code. */
  rejectedByCode: Record<string, number>
  /** Time spent parsing the chunk, and writing it (the transaction). */
  parseSeconds: number
  writeSeconds: number
}

export interface StoreWriter {
  /** Rejects with the store's error (a SQLite code, or a writer thread that ended). */
  write: (chunk: MessageChunk) => Promise<ChunkResult>
  /** Lets every write already asked for finish, then lets the writer go (a thread ends). */
  close: () => Promise<void>
}
