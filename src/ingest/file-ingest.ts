/**
 * Ingests feed files, one message per line, through the same parsers and store as the Kafka
 * consumer: for backfills and for the sample data. Lines are split as bytes, not decoded text,
 * so a line that is not valid UTF-8 reaches the parser as it was and is set aside with why.
 */
import { createReadStream } from 'node:fs'
import type { Readable } from 'node:stream'
import type { Store } from '../store/store.js'
import { BatchBuilder } from './batch-builder.js'

export interface FileIngestResult {
  messages: number
  observations: number
  rejects: number
}

const NEWLINE = 0x0a

/** Yields each line without its `\n`; the parsers decide what a stray `\r` means. */
export async function * readLines (input: Readable): AsyncGenerator<Buffer> {
  let rest: Buffer = Buffer.alloc(0)
  for await (const chunk of input) {
    let data = rest.length === 0 ? chunk as Buffer : Buffer.concat([rest, chunk as Buffer])
    let newline = data.indexOf(NEWLINE)
    while (newline !== -1) {
      yield data.subarray(0, newline)
      data = data.subarray(newline + 1)
      newline = data.indexOf(NEWLINE)
    }
    rest = Buffer.from(data)
  }
  if (rest.length > 0) yield rest
}

export async function ingestStream (store: Store, topic: string, input: Readable,
  options: { batchMaxMessages?: number, topicPrefix?: string } = {}): Promise<FileIngestResult> {
  const builder = new BatchBuilder(options.topicPrefix)
  const batchMax = options.batchMaxMessages ?? 5_000
  const result: FileIngestResult = { messages: 0, observations: 0, rejects: 0 }
  const flush = (): void => {
    const written = store.write(builder.take())
    result.observations += written.observations
    result.rejects += written.rejects
  }

  let lineNumber = 0
  for await (const line of readLines(input)) {
    lineNumber++
    const now = Math.floor(Date.now() / 1000)
    builder.add({ topic, partition: -1, offset: String(lineNumber), value: line }, now)
    if (builder.size >= batchMax) flush()
  }
  flush()
  result.messages = lineNumber

  return result
}

export async function ingestFile (store: Store, topic: string, path: string,
  options: { batchMaxMessages?: number, topicPrefix?: string } = {}): Promise<FileIngestResult> {
  return ingestStream(store, topic, createReadStream(path), options)
}
