/**
 * `npm run bench`: dnsledger's throughput, latency and size at growing store sizes, each figure
 * beside a baseline measured in the same run. See the README's Performance section.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ObservationGenerator } from './gen/generator.js'
import { loadSeedPools } from './gen/seed-pools.js'
import { startNode, stopAllChildren } from './lib/child-process.js'
import { startFeedBroker } from './lib/feed-broker.js'
import { startService } from './lib/ingest-run.js'
import { describeMachine } from './lib/machine.js'
import { log, Report } from './lib/report.js'
import { readSettings, sizeLabel } from './lib/settings.js'
import { benchSize, windowPrefixes, type SizeContext } from './lib/size-bench.js'
import { fillStore } from './lib/store-build.js'
import { growthTable } from './lib/growth-table.js'
import { judgeTargets } from './lib/targets.js'
import { hasWrk } from './lib/wrk.js'
import { removeStore } from './lib/write-paths.js'

const BARE = new URL('./bare-fastify.js', import.meta.url)

function requireTools (): Promise<void> {
  try {
    execFileSync('kcat', ['-V'], { stdio: 'ignore' })
  } catch {
    throw new Error('kcat is missing: apt-get install kcat')
  }
  return hasWrk().then((ok) => {
    if (!ok) throw new Error('wrk is missing: apt-get install wrk')
  })
}

async function emptyStartup (workDir: string): Promise<number> {
  const db = join(workDir, 'empty.db')
  const service = await startService({ db, logFile: join(workDir, 'service.log') })
  await service.stop()
  removeStore(db)

  return service.startupMs
}

function grow (ctx: SizeContext, from: number, to: number): void {
  const started = performance.now()
  fillStore(ctx.base, ctx.gen, from, to, (done) => log(`  store filled to ${sizeLabel(done)}`))
  const seconds = (performance.now() - started) / 1000
  log(`store grown from ${sizeLabel(from)} to ${sizeLabel(to)} in ${seconds.toFixed(0)} s ` +
    `(${Math.round((to - from) / seconds)} obs/s, bare writer, reverse index rebuilt)`)
}

async function main (): Promise<void> {
  const settings = readSettings()
  await requireTools()
  const machine = describeMachine()
  log(`machine: ${JSON.stringify(machine)}`)
  log(`settings: ${JSON.stringify(settings)}`)
  if (settings.workDir !== undefined) mkdirSync(settings.workDir, { recursive: true })
  const workDir = mkdtempSync(join(settings.workDir ?? tmpdir(), 'dnsledger-bench-'))
  const report = new Report()
  const prefixes = settings.sizes.flatMap((size) => Object.values(windowPrefixes(size)))
  const broker = await startFeedBroker(join(workDir, 'kafka'), prefixes, settings.partitions)
  const interrupted = () => {
    stopAllChildren()
    broker.stop().finally(() => {
      if (!settings.keep) rmSync(workDir, { recursive: true, force: true })
      process.exit(130)
    })
  }
  process.once('SIGINT', interrupted)
  process.once('SIGTERM', interrupted)
  const bare = await startNode(BARE, { BARE_RECORDS: String(settings.lookupLimit) },
    join(workDir, 'bare.log'))
  try {
    const ctx: SizeContext = { settings, report, broker, bare, workDir,
      gen: new ObservationGenerator(loadSeedPools()), base: join(workDir, 'base.db'),
      emptyStartupMs: await emptyStartup(workDir) }
    report.add({ section: 'startup', name: 'start to serving, empty store',
      value: ctx.emptyStartupMs, unit: 'ms',
      baseline: { name: 'bare Fastify', value: bare.startupMs } })
    let stored = 0
    for (const size of settings.sizes) {
      grow(ctx, stored, size)
      stored = size
      await benchSize(ctx, size)
    }
    judgeTargets(report, settings.sizes)
    log(`all figures (value, ratio to its baseline; last column: growth):\n` +
      growthTable(report.figures))
    report.printTargets()
    report.write(settings.outFile ?? join(workDir, '..', `dnsledger-bench-${Date.now()}.json`),
      { ...machine, loadAverageAtEnd: describeMachine().loadAverage, settings })
  } finally {
    await bare.stop()
    await broker.stop()
    if (!settings.keep) rmSync(workDir, { recursive: true, force: true })
  }
}

await main()
