/**
 * Lookups while the service ingests at full speed, against the idle figures: first in the one
 * process that does both (the service, its writes on a thread of their own), then with the API
 * in a process of its own beside the ingesting one, for reference.
 */
import { join } from 'node:path'
import type { WindowSpec } from '../gen/window.js'
import { memoryMiB } from './child-process.js'
import { OffsetWatch, startService, waitFlowing, waitPast } from './ingest-run.js'
import { loadKey, reportLoads, runLookups, type LoadTable } from './lookup-bench.js'
import { log } from './report.js'
import { atTenConnections, sizeLabel } from './settings.js'
import {
  produce, windowPrefixes, type LookupPaths, type SizeContext
} from './size-context.js'

export async function duringIngest (ctx: SizeContext, size: number, rate: number,
  paths: LookupPaths, idle: LoadTable, alreadyNew: number) {
  const { report, settings, workDir } = ctx
  const label = sizeLabel(size)
  const db = join(workDir, 'service.db')
  const runs = paths.size * (settings.connections.length + 1)
  const seconds = runs * (settings.wrkSeconds + 0.5) + 10
  const stored = size + alreadyNew
  const spec: WindowSpec = { stored, firstNew: stored, messages: Math.ceil(rate * seconds * 1.3),
    repeatPercent: settings.repeatPercent, salt: 7 + (size % 1_000_003) }
  const prefix = windowPrefixes(size).during
  await produce(ctx, spec, prefix)
  const service = await startService({ db, logFile: join(workDir, 'service.log'),
    kafka: { broker: ctx.broker, prefix, groupId: `${prefix}during` } })
  const watch = new OffsetWatch(db, prefix)
  try {
    await waitFlowing(watch, 2000, 120_000)
    const before = { count: watch.consumed(), at: performance.now() }
    const busy = await runLookups(service.port, paths, settings, workDir)
    const after = { count: watch.consumed(), at: performance.now() }
    reportLoads(report, 'during ingest', label, busy, (kind, conns) =>
      ({ name: 'idle', result: idle.get(loadKey(kind, conns)) }))
    const during = (after.count - before.count) / ((after.at - before.at) / 1000)
    report.add({ section: 'during ingest', size: label, name: 'ingest rate while serving lookups',
      value: during, unit: 'obs/s', baseline: { name: 'ingest alone', value: rate },
      note: after.count >= spec.messages ? 'messages ran out before the end' : undefined })
    report.add({ section: 'memory', size: label, name: 'service peak RSS (ingest + lookups)',
      value: memoryMiB(service.child.pid as number).peak, unit: 'MiB' })
  } finally {
    await service.stop()
  }
  try {
    await splitProcesses(ctx, size, paths, idle, watch, spec.messages)
  } finally {
    watch.close()
  }
}

/**
 * The same split between processes: one ingests the rest of the window while another, on the
 * same database, only answers lookups (SQLite's WAL lets readers run beside the writer). What
 * the service's writer thread gives should come close to it.
 */
async function splitProcesses (ctx: SizeContext, size: number, paths: LookupPaths,
  idle: LoadTable, watch: OffsetWatch, total: number) {
  const db = join(ctx.workDir, 'service.db')
  const logFile = join(ctx.workDir, 'service.log')
  const prefix = windowPrefixes(size).during
  const ingest = await startService({ db, logFile,
    kafka: { broker: ctx.broker, prefix, groupId: `${prefix}during` } })
  const api = await startService({ db, logFile })
  try {
    const start = watch.consumed()
    // The phase before can consume the whole window (a small one, or a fast machine): then no
    // message is left to ingest beside the API, and waiting for one would never end.
    if (start >= total || !(await waitPast(watch, start, 30_000))) {
      log(`  API in its own process @${sizeLabel(size)} skipped: the ingest window ran out ` +
        'before it; a larger BENCH_INGEST_MESSAGES leaves some for it')
      return
    }
    const startedAt = performance.now()
    const busy = await runLookups(api.port, paths, atTenConnections(ctx.settings), ctx.workDir)
    const rate = (watch.consumed() - start) / ((performance.now() - startedAt) / 1000)
    reportLoads(ctx.report, 'during ingest, API in its own process', sizeLabel(size), busy,
      (kind, conns) => ({ name: 'idle', result: idle.get(loadKey(kind, conns)) }))
    ctx.report.add({ section: 'during ingest, API in its own process', size: sizeLabel(size),
      name: 'ingest rate in its own process', value: rate, unit: 'obs/s',
      note: watch.consumed() >= total ? 'messages ran out before the end' : undefined })
  } finally {
    await api.stop()
    await ingest.stop()
  }
}
