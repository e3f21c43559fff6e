/** The ingest pipeline's parts over a real temporary store, with a logger that tests can read. */
import pino from 'pino'
import type { Test } from 'tap'
import { BatchProcessor } from '../../src/ingest/batch-processor.js'
import { ChunkWriter } from '../../src/ingest/chunk-writer.js'
import { InlineWriter } from '../../src/ingest/inline-writer.js'
import { OffsetAudit } from '../../src/ingest/offset-audit.js'
import { OffsetRangeGuard, type EarliestOffset } from '../../src/ingest/offset-range-guard.js'
import { PartitionOffsets } from '../../src/ingest/partition-offsets.js'
import type { StoreWriter } from '../../src/ingest/store-writer.js'
import { WriteFaults } from '../../src/ingest/write-faults.js'
import type { Logger } from '../../src/logger.js'
import { ServiceMetrics } from '../../src/metrics/service-metrics.js'
import type { Store } from '../../src/store/store.js'
import { tempStore } from './temp-store.js'

export interface LogLine {
  level: number
  msg: string
  [field: string]: unknown
}

export function captureLogger (): { logger: Logger, lines: LogLine[] } {
  const lines: LogLine[] = []
  const stream = { write: (line: string) => { lines.push(JSON.parse(line) as LogLine) } }

  return { logger: pino({ level: 'debug' }, stream), lines }
}

export interface IngestParts {
  store: Store
  offsets: PartitionOffsets
  metrics: ServiceMetrics
  faults: WriteFaults
  audit: OffsetAudit
  guard: OffsetRangeGuard
  processor: BatchProcessor
  lines: LogLine[]
  abort: AbortController
}

export interface PartsOptions {
  chunkMaxMessages?: number
  store?: Store
  /** What chunks are written through; by default, the store on this thread. */
  writer?: StoreWriter
  earliest?: EarliestOffset
}

export function ingestParts (t: Test, options: PartsOptions = {}): IngestParts {
  const store = options.store ?? tempStore(t)
  const { logger, lines } = captureLogger()
  const metrics = new ServiceMetrics()
  const offsets = new PartitionOffsets()
  offsets.load(store.offsets())
  const faults = new WriteFaults(logger, metrics)
  const audit = new OffsetAudit(logger, metrics)
  const abort = new AbortController()
  const writer = new ChunkWriter(options.writer ?? new InlineWriter(store), faults, 100,
    abort.signal)
  const earliest = options.earliest ?? (async () => undefined)
  const guard = new OffsetRangeGuard({ offsets, audit, writer, earliest })
  const processor = new BatchProcessor({ offsets, writer, guard, metrics, logger,
    chunkMaxMessages: options.chunkMaxMessages ?? 2, onStored: () => {} })

  return { store, offsets, metrics, faults, audit, guard, processor, lines, abort }
}

/** Distinct, valid A-record lines for the ipv4 topic. */
export function ipv4Lines (count: number, from = 0): string[] {
  return Array.from({ length: count }, (_, i) =>
    `${1467690095 + from + i}|host${from + i}.example.com|192.0.2.${(from + i) % 250}`)
}

export function observationTotal (store: Store): number {
  return store.db.prepare('SELECT coalesce(sum(count), 0) FROM observations')
    .pluck().get() as number
}
