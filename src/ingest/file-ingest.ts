/**
 * Ingests feed files, one message per line, through the same store writer, parsers and store
 * as the Kafka consumer: for backfills and for the sample data. Lines are split as bytes, not
 * decoded text, so a line that is not valid UTF-8 reaches the parser as it was and is set aside
 * with why. A file has no Kafka offsets: its chunks store rows and set-aside lines only.
 */
import {
  accessSync, closeSync, constants, createReadStream, openSync, readSync, statSync
} from 'node:fs'
import type { Readable } from 'node:stream'
import { DnsledgerError } from '../errors.js'
import { MAX_MESSAGE_BYTES } from '../feeds/payload-text.js'
import { unreadableFileDetail } from '../startup-failure.js'
import { ChunkPacker } from './message-chunk.js'
import type { StoreWriter } from './store-writer.js'

export interface FileIngestResult {
  messages: number
  observations: number
  rejects: number
}

const NEWLINE = 0x0a
const CR = 0x0d

/**
 * Past this a line is rejected as too large without being read, so only its head is kept:
 * a corrupt file with no line breaks costs memory for one line head, not for the whole file.
 */
const KEPT_LINE_BYTES = MAX_MESSAGE_BYTES + 1

/**
 * Yields each line without its `\n` or `\r\n`, as Kafka would carry one message per line.
 * Pieces of a line are collected in a list and joined once, so a long line costs linear time.
 */
export async function * readLines (input: Readable): AsyncGenerator<Buffer> {
  let pieces: Buffer[] = []
  let kept = 0
  for await (const chunk of input) {
    let data = chunk as Buffer
    let newline = data.indexOf(NEWLINE)
    while (newline !== -1) {
      pieces.push(data.subarray(0, Math.max(0, Math.min(newline, KEPT_LINE_BYTES - kept))))
      yield withoutCr(Buffer.concat(pieces))
      pieces = []
      kept = 0
      data = data.subarray(newline + 1)
      newline = data.indexOf(NEWLINE)
    }
    if (kept < KEPT_LINE_BYTES && data.length > 0) {
      const piece = Buffer.from(data.subarray(0, KEPT_LINE_BYTES - kept))
      pieces.push(piece)
      kept += piece.length
    }
  }
  if (kept > 0) yield withoutCr(Buffer.concat(pieces))
}

function withoutCr (line: Buffer): Buffer {
  return line.length > 0 && line[line.length - 1] === CR ? line.subarray(0, -1) : line
}

export interface FileIngestOptions {
  batchMaxMessages?: number
  /** What the reason of a line set aside names as its file. */
  source?: string
}

export async function ingestStream (writer: StoreWriter, topic: string, input: Readable,
  options: FileIngestOptions = {}): Promise<FileIngestResult> {
  const packer = new ChunkPacker(topic, -1, options.source)
  const batchMax = options.batchMaxMessages ?? 5_000
  const result: FileIngestResult = { messages: 0, observations: 0, rejects: 0 }
  const flush = async (): Promise<void> => {
    const written = await writer.write(packer.take([]))
    result.observations += written.observations
    result.rejects += written.rejects
  }

  let lineNumber = 0
  for await (const line of readLines(input)) {
    lineNumber++
    packer.add(String(lineNumber), line)
    if (packer.size >= batchMax) await flush()
  }
  if (packer.size > 0) await flush()
  result.messages = lineNumber

  return result
}

export async function ingestFile (writer: StoreWriter, topic: string, path: string,
  options: FileIngestOptions = {}): Promise<FileIngestResult> {
  return ingestStream(writer, topic, createReadStream(path), { source: path, ...options })
}

/**
 * Reads a byte of every file (a folder opens, and fails only when read) before any is
 * ingested: a bad name among several would otherwise stop the run with the files before it
 * stored and those after it not, which a rerun would count twice. `-` is standard input.
 */
export function checkReadable (paths: string[]): void {
  for (const path of paths.filter((name) => name !== '-')) {
    try {
      checkOne(path)
    } catch (err) {
      const detail = unreadableFileDetail(Object.assign(err as Error, { path }))
      if (detail === undefined) throw err
      throw new DnsledgerError('FILE_UNREADABLE', `${detail}; nothing was ingested`, { path })
    }
  }
}

/**
 * A file is read for one byte, as a folder fails only when read. A pipe (`<(zcat feed.gz)`, a
 * FIFO) is only checked for permission: a byte read from it now would be lost to the ingest
 * after, and opening one that no process writes to yet would wait for it.
 */
function checkOne (path: string): void {
  const stat = statSync(path)
  if (!stat.isFile() && !stat.isDirectory()) {
    accessSync(path, constants.R_OK)
    return
  }
  const fd = openSync(path, 'r')
  try {
    readSync(fd, Buffer.alloc(1))
  } finally {
    closeSync(fd)
  }
}
