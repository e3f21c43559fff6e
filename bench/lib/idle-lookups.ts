/**
 * Lookups on an idle service at one store size: startup, answer sizes, every kind at every
 * connection count paired with the bare Fastify baseline, and the same with request logging
 * off, paired with the default.
 */
import { join } from 'node:path'
import { memoryMiB } from './child-process.js'
import { startService } from './ingest-run.js'
import {
  allPaths, answerShape, pairedLookups, reportBases, reportPaired, warmUp, type LoadTable
} from './lookup-bench.js'
import type { LookupKind } from './lookup-targets.js'
import { sizeLabel } from './settings.js'
import type { LookupPaths, SizeContext } from './size-context.js'

export async function idleLookups (ctx: SizeContext, size: number, db: string) {
  const { report, settings, workDir } = ctx
  const label = sizeLabel(size)
  const paths = allPaths(ctx.gen, size, settings)
  const logFile = join(workDir, 'service.log')
  const service = await startService({ db, logFile })
  // A second service on the same file, with request logs off: compared in pairs below.
  const quiet = await startService({ db, logFile, env: { LOG_LEVEL: 'warn' } })
  try {
    report.add({ section: 'startup', size: label, name: 'start to serving',
      value: service.startupMs, unit: 'ms',
      baseline: { name: 'empty store', value: ctx.emptyStartupMs } })
    await answerShapes(ctx, label, service.port, paths)
    const bare = { port: ctx.bare.port, paths: () => ['/bare/example.com'] }
    for (const port of [service.port, quiet.port]) await warmUp(port, paths, settings, workDir)
    await warmUp(bare.port, new Map([['name', bare.paths()]]), settings, workDir)
    const vsBare = await pairedLookups(service.port, paths, bare, settings.connections,
      settings, workDir)
    reportBases(report, 'bare', label, vsBare, 'name')
    reportPaired(report, 'lookup', label, vsBare, 'bare Fastify')
    report.add({ section: 'memory', size: label, name: 'service RSS after idle lookups',
      value: memoryMiB(service.child.pid as number).rss, unit: 'MiB' })
    const info = { port: service.port, paths: (kind: LookupKind) => paths.get(kind) ?? [] }
    const vsInfo = await pairedLookups(quiet.port, paths, info, [10], settings, workDir)
    reportPaired(report, 'lookup, LOG_LEVEL=warn', label, vsInfo, 'LOG_LEVEL=info')
    const idle: LoadTable = new Map([...vsBare].map(([key, pair]) => [key, pair.subject]))

    return { paths, idle }
  } finally {
    await quiet.stop()
    await service.stop()
  }
}

async function answerShapes (ctx: SizeContext, label: string, port: number,
  paths: LookupPaths) {
  for (const [kind, kindPaths] of paths) {
    const shape = await answerShape(port, kindPaths)
    ctx.report.add({ section: 'lookup', size: label, name: `${kind} records per answer`,
      value: shape.meanRecords, unit: 'records',
      note: shape.bad > 0 ? `${shape.bad} not 200` : undefined })
  }
}
