/**
 * Fills a store with generated observations [from, to), without Kafka or parsing, through the
 * bare writer with a large page cache: the fast way to reach a size when the figure is not
 * about ingest. The reverse (rdata) index is dropped while filling and built again at the end,
 * which sorts once instead of inserting at random: about twice as fast here, but that index
 * comes out packed (see the README on what this means for the size figure).
 */
import { join } from 'node:path'
import type { ObservationGenerator, GenObservation } from '../gen/generator.js'
import type { WindowSpec } from '../gen/window.js'
import { BareWriter, openLikeProduct } from './bare-writer.js'
import { log } from './report.js'
import { sizeLabel, type BenchSettings } from './settings.js'

const BATCH = 50_000
const BUILD_CACHE_MIB = 2048
/** As migrations.ts creates it; the bench checks below that the schema came out the same. */
const REVERSE_INDEX =
  'CREATE INDEX observations_by_rdata ON observations (rrtype, rdata, rrname_id)'

export function fillStore (path: string, gen: ObservationGenerator, from: number, to: number,
  onProgress: (done: number) => void = () => {}): void {
  const db = openLikeProduct(path, { cacheMiB: BUILD_CACHE_MIB })
  try {
    db.exec('DROP INDEX observations_by_rdata')
    const writer = new BareWriter(db)
    for (let start = from; start < to; start += BATCH) {
      const batch: GenObservation[] = []
      const end = Math.min(to, start + BATCH)
      for (let i = start; i < end; i++) batch.push(gen.observation(i))
      writer.write(batch)
      if (Math.floor(end / 1_000_000) > Math.floor(start / 1_000_000)) onProgress(end)
    }
    db.exec(REVERSE_INDEX)
    db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    db.close()
  }
}

/**
 * The base store of a variants run, and the window it takes: BENCH_VARIANT_BASE (a store built
 * earlier with the same generator and size) or one filled here, in `workDir`.
 */
export function variantBase (gen: ObservationGenerator, settings: BenchSettings, size: number,
  workDir: string): { base: string, spec: WindowSpec } {
  let base = process.env.BENCH_VARIANT_BASE
  if (base === undefined) {
    base = join(workDir, 'base.db')
    fillStore(base, gen, 0, size, (done) => log(`  store filled to ${sizeLabel(done)}`))
  }

  return { base, spec: { stored: size, firstNew: size, messages: settings.ingestMessages,
    repeatPercent: settings.repeatPercent, salt: size % 1_000_003 } }
}
