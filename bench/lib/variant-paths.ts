/**
 * Storage variants, each a bare writer on its own copy of a store, taking an ingest window in
 * turns of one slice each so that all see the same moments of a shared, noisy machine. The
 * first is the settings and transaction size before the writer grouped chunks and mapped the
 * file, the baseline of the others.
 */
import { join } from 'node:path'
import type { GenObservation } from '../gen/generator.js'
import { BareWriter, openLikeProduct, type BareOptions } from './bare-writer.js'
import { copyStore, removeStore } from './write-paths.js'

export interface Variant {
  name: string
  options: BareOptions
  /** Observations per transaction. */
  transaction: number
  /** Merge repeats of a pair inside a transaction before writing (Store.write does). */
  fold: boolean
}

const BIG_WAL = 65_536
const PRODUCT = { cacheMiB: 256, walAutocheckpoint: BIG_WAL }
const MMAP = 2_147_418_112

export const VARIANTS: Variant[] = [
  { name: '256 MiB cache, 64Ki-page checkpoints, 5k per transaction', options: PRODUCT,
    transaction: 5_000, fold: false },
  { name: 'memory map 2 GiB', options: { ...PRODUCT, mmapBytes: MMAP }, transaction: 5_000,
    fold: false },
  { name: '1 GiB page cache', options: { ...PRODUCT, cacheMiB: 1024 }, transaction: 5_000,
    fold: false },
  { name: '300k per transaction, folded', options: PRODUCT, transaction: 300_000, fold: true },
  { name: '300k per transaction, folded, memory map', options: { ...PRODUCT, mmapBytes: MMAP },
    transaction: 300_000, fold: true }
]

/** Run with BENCH_INGEST_MESSAGES=600000 (or more) for the slices to alternate. */
const SLICE = 300_000

/** Observations per second of each variant, in VARIANTS order. */
export function variantRates (base: string, workDir: string, window: GenObservation[]): number[] {
  const files = VARIANTS.map((_, i) => join(workDir, `variant-${i}.db`))
  const seconds = VARIANTS.map(() => 0)
  const writers = VARIANTS.map((variant, i) => {
    copyStore(base, files[i] as string)
    const db = openLikeProduct(files[i] as string, variant.options)
    return { db, writer: new BareWriter(db) }
  })
  try {
    for (let start = 0, turn = 0; start < window.length; start += SLICE, turn++) {
      const slice = window.slice(start, start + SLICE)
      for (let k = 0; k < VARIANTS.length; k++) {
        const i = (turn + k) % VARIANTS.length
        const variant = VARIANTS[i] as Variant
        const { writer } = writers[i] as { writer: BareWriter }
        const started = performance.now()
        for (let j = 0; j < slice.length; j += variant.transaction) {
          writer.write(slice.slice(j, j + variant.transaction), variant.fold)
        }
        seconds[i] = (seconds[i] ?? 0) + (performance.now() - started) / 1000
      }
    }

    return seconds.map((s) => window.length / s)
  } finally {
    for (const { db } of writers) db.close()
    for (const file of files) removeStore(file)
  }
}
