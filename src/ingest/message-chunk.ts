/**
 * A chunk of raw feed messages of one topic and partition, as the writer thread receives it:
 * every payload in one byte array, with where each ends and its offset in typed arrays. Three
 * flat arrays cross the thread boundary as three copies of memory, where thousands of message
 * objects would be cloned one property at a time (bench/handoff-variants.ts measures both).
 * They are copied rather than transferred, so that the sending thread keeps the chunk for a
 * retry. The chunk also carries the offsets the store reaches once it is written.
 */
import type { PartitionOffset } from '../store/batch-writer.js'
import type { RawMessage } from './batch-builder.js'

export interface MessageChunk {
  topic: string
  /** The Kafka partition, or -1 for lines of a file. */
  partition: number
  /** Every payload, one after another. */
  bytes: Uint8Array
  /** Where each payload ends in `bytes`. */
  ends: Uint32Array
  /** Each message's offset: a Kafka offset, or a line number. */
  messageOffsets: BigInt64Array
  /** The offsets stored in the chunk's transaction. */
  offsets: PartitionOffset[]
  /** The file its lines came from, for the reason of a line set aside; none from Kafka. */
  source?: string
}

/** A chunk of no message that only moves a stored offset. */
export function offsetChunk (offset: PartitionOffset): MessageChunk {
  return { topic: offset.topic, partition: offset.partition, bytes: new Uint8Array(0),
    ends: new Uint32Array(0), messageOffsets: new BigInt64Array(0), offsets: [offset] }
}

export function messageCount (chunk: MessageChunk): number {
  return chunk.ends.length
}

/** The chunk's messages, each payload a view of the chunk's bytes. */
export function * chunkMessages (chunk: MessageChunk): Generator<RawMessage> {
  const { bytes, ends, messageOffsets } = chunk
  let start = 0
  for (let i = 0; i < ends.length; i++) {
    const end = ends[i] as number
    yield { topic: chunk.topic, partition: chunk.partition,
      offset: String(messageOffsets[i]),
      value: Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start),
      source: chunk.source }
    start = end
  }
}

/** Collects messages (keeping references, copying nothing) until a chunk is taken. */
export class ChunkPacker {
  readonly #topic: string
  readonly #partition: number
  readonly #source: string | undefined
  #values: Array<Buffer | null> = []
  #offsets: string[] = []
  #bytes = 0

  constructor (topic: string, partition: number, source?: string) {
    this.#topic = topic
    this.#partition = partition
    this.#source = source
  }

  get size (): number {
    return this.#values.length
  }

  /** A null value (a Kafka tombstone) is an empty payload, set aside as such. */
  add (offset: string, value: Buffer | null): void {
    this.#values.push(value)
    this.#offsets.push(offset)
    this.#bytes += value?.length ?? 0
  }

  /** The messages so far in one chunk, to store with `offsets`; the packer starts over. */
  take (offsets: PartitionOffset[]): MessageChunk {
    const bytes = new Uint8Array(this.#bytes)
    const ends = new Uint32Array(this.#values.length)
    const messageOffsets = new BigInt64Array(this.#values.length)
    let end = 0
    this.#values.forEach((value, i) => {
      if (value !== null) bytes.set(value, end)
      end += value?.length ?? 0
      ends[i] = end
      messageOffsets[i] = BigInt(this.#offsets[i] as string)
    })
    this.#values = []
    this.#offsets = []
    this.#bytes = 0

    const chunk: MessageChunk = { topic: this.#topic, partition: this.#partition, bytes, ends,
      messageOffsets, offsets }
    if (this.#source !== undefined) chunk.source = this.#source

    return chunk
  }
}
