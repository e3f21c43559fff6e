/**
 * The write paths below ingest, timed over the same window of observations, each on its own
 * copy of the store: the storage limit (bare upserts), the same with a larger page cache (a
 * proposed setting), the product's Store.write (folding, name cache, offsets; no Kafka, no
 * parsing), and the parsers alone (no store). The store paths take the window in turns, one
 * chunk each, so that all of them see the same moments of a shared, noisy machine.
 */
import { copyFileSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { FEED_KINDS } from '../../src/feeds/observation.js'
import { BatchBuilder } from '../../src/ingest/batch-builder.js'
import { Store } from '../../src/store/store.js'
import type { GenObservation } from '../gen/generator.js'
import { BareWriter, openLikeProduct } from './bare-writer.js'

/** As many messages per transaction as the product's default INGEST_BATCH_MAX_MESSAGES. */
const CHUNK = 5_000

export interface WritePathRates {
  bare: number
  bareCache: number
  store: number
}

interface WritePath {
  write: (chunk: GenObservation[]) => void
  close: () => void
  seconds: number
}

export function copyStore (from: string, to: string): void {
  removeStore(to)
  copyFileSync(from, to)
}

export function removeStore (path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true })
}

function barePath (path: string, cacheMiB?: number): WritePath {
  const db = openLikeProduct(path, { cacheMiB })
  const writer = new BareWriter(db)

  return { write: (chunk) => writer.write(chunk), close: () => db.close(), seconds: 0 }
}

function storePath (path: string): WritePath {
  const store = Store.open(path)
  const write = (chunk: GenObservation[]) => {
    const observations = chunk.map(({ rrname, rrtype, rdata, timeSeen }) =>
      ({ rrname, rrtype, rdata, timeSeen }))
    store.write({ observations, newDomains: [], rejects: [], offsets: [] })
  }

  return { write, close: () => store.close(), seconds: 0 }
}

/** Observations per second of each store path over `window`, on copies of `base`. */
export function writePathRates (base: string, workDir: string,
  window: GenObservation[]): WritePathRates {
  const files = ['bare', 'bare-cache', 'store'].map((name) => join(workDir, `${name}.db`))
  for (const file of files) copyStore(base, file)
  const [bare, bareCache, store] = [barePath(files[0] as string),
    barePath(files[1] as string, 256), storePath(files[2] as string)] as WritePath[]
  const paths = [bare, bareCache, store] as WritePath[]
  try {
    for (let i = 0, turn = 0; i < window.length; i += CHUNK, turn++) {
      const chunk = window.slice(i, i + CHUNK)
      // Who goes first rotates, so that none always follows the same neighbour.
      for (let k = 0; k < paths.length; k++) {
        const path = paths[(turn + k) % paths.length] as WritePath
        const started = performance.now()
        path.write(chunk)
        path.seconds += (performance.now() - started) / 1000
      }
    }
    const rate = (path: WritePath | undefined) => window.length / (path?.seconds ?? 1)

    return { bare: rate(bare), bareCache: rate(bareCache), store: rate(store) }
  } finally {
    for (const path of paths) path.close()
    for (const file of files) removeStore(file)
  }
}

/** Messages per second through the topic parsers into batches, from the window's files. */
export function parseRate (dir: string, prefix: string): number {
  const messages: Array<{ topic: string, value: Buffer }> = []
  for (const kind of FEED_KINDS) {
    const text = readFileSync(join(dir, `${prefix}${kind}.txt`))
    let start = 0
    for (let end = text.indexOf(10); end !== -1; end = text.indexOf(10, start)) {
      messages.push({ topic: kind, value: text.subarray(start, end) })
      start = end + 1
    }
  }
  const builder = new BatchBuilder()
  const now = Math.floor(Date.now() / 1000)
  const started = performance.now()
  let offset = 0
  for (const { topic, value } of messages) {
    builder.add({ topic, partition: 0, offset: String(offset++), value }, now)
    if (builder.size >= CHUNK) builder.take()
  }

  return messages.length / ((performance.now() - started) / 1000)
}
