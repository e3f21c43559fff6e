/**
 * Ingest at one store size: the write paths below it over one window (storage limit, a
 * proposed cache setting, Store.write, the parsers), the transport limit, and the service
 * consuming the same window from Kafka, at the default and a larger transaction size.
 */
import { join } from 'node:path'
import { newCount, windowMessages, type WindowSpec } from '../gen/window.js'
import { transportSeconds } from './feed-broker.js'
import { OffsetWatch, startService, storeCounts, waitIngested } from './ingest-run.js'
import { sizeLabel } from './settings.js'
import { produce, windowPrefixes, type SizeContext } from './size-context.js'
import { copyStore, parseRate, writePathRates } from './write-paths.js'

async function measureWrites (ctx: SizeContext, size: number, spec: WindowSpec) {
  const { report, workDir, base } = ctx
  const label = sizeLabel(size)
  const window = [...windowMessages(ctx.gen, spec)].map((m) => m.obs)
  const rates = writePathRates(base, workDir, window)
  const limit = report.add({ section: 'write', size: label, name: 'storage limit (bare upserts)',
    value: rates.bare, unit: 'obs/s' })
  const vs = { name: 'storage limit', value: limit.value }
  report.add({ section: 'write', size: label, name: 'bare upserts, cache_size 256 MiB',
    value: rates.bareCache, unit: 'obs/s', baseline: vs })
  report.add({ section: 'write', size: label, name: 'Store.write (no Kafka, no parsing)',
    value: rates.store, unit: 'obs/s', baseline: vs })

  return limit.value
}

async function measureIngest (ctx: SizeContext, prefix: string, total: number, db: string,
  variant: { name: string, env?: Record<string, string> }) {
  copyStore(ctx.base, db)
  const service = await startService({ db, logFile: join(ctx.workDir, 'service.log'),
    kafka: { broker: ctx.broker, prefix, groupId: `${prefix}${variant.name}` }, env: variant.env })
  const watch = new OffsetWatch(db, prefix)
  try {
    return await waitIngested(watch, total, service.child.pid as number, 600_000 + total)
  } finally {
    watch.close()
    await service.stop()
  }
}

export async function ingestFigures (ctx: SizeContext, size: number, spec: WindowSpec, db: string) {
  const { report, workDir } = ctx
  const label = sizeLabel(size)
  const prefix = windowPrefixes(size).ingest
  const counts = await produce(ctx, spec, prefix)
  const limit = await measureWrites(ctx, size, spec)
  report.add({ section: 'write', size: label, name: 'parsers only (no store)',
    value: parseRate(workDir, prefix), unit: 'msg/s',
    baseline: { name: 'storage limit', value: limit } })
  const transport = report.add({ section: 'ingest', size: label, name: 'transport limit (kcat)',
    value: spec.messages / await transportSeconds(ctx.broker, prefix, counts), unit: 'msg/s' })
  const chunked = await measureIngest(ctx, prefix, spec.messages, db,
    { name: 'chunk50k', env: { INGEST_BATCH_MAX_MESSAGES: '50000' } })
  const ingest = await measureIngest(ctx, prefix, spec.messages, db, { name: 'default' })
  report.add({ section: 'ingest', size: label, name: 'ingest', value: ingest.rate, unit: 'obs/s',
    baseline: { name: 'storage limit', value: limit } })
  report.add({ section: 'ingest', size: label, name: 'ingest vs transport', value: ingest.rate,
    unit: 'obs/s', baseline: { name: 'transport limit', value: transport.value } })
  report.add({ section: 'ingest', size: label, name: 'ingest, INGEST_BATCH_MAX_MESSAGES=50000',
    value: chunked.rate, unit: 'obs/s', baseline: { name: 'ingest', value: ingest.rate } })
  report.add({ section: 'memory', size: label, name: 'service RSS while ingesting (peak)',
    value: ingest.peakRssMiB, unit: 'MiB' })
  const counted = storeCounts(db)
  const expected = size + newCount(spec)
  report.add({ section: 'ingest', size: label, name: 'distinct observations after ingest',
    value: counted.observations, unit: 'obs', baseline: { name: 'expected', value: expected },
    note: `${counted.rejected} messages rejected` })

  return ingest.rate
}
