/**
 * `node dist/bench/loop-delay.js`: how long the service's HTTP thread is kept from its event
 * loop while the feed is ingested at full speed, then idle, in 2-second windows (the probe,
 * loop-delay-probe.ts, runs in the service). BENCH_INGEST_MESSAGES new observations go into
 * an empty store; no lookups are sent, so what delays the loop is ingest alone (and the
 * machine). Each figure is the median over the windows of its phase, beside the worst one.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ObservationGenerator } from './gen/generator.js'
import { loadSeedPools } from './gen/seed-pools.js'
import { windowMessages } from './gen/window.js'
import { produceWindow, startFeedBroker, writeWindowFiles } from './lib/feed-broker.js'
import { OffsetWatch, startService } from './lib/ingest-run.js'
import { describeMachine } from './lib/machine.js'
import { log, Report } from './lib/report.js'
import { readSettings } from './lib/settings.js'

const PROBE = new URL('./loop-delay-probe.js', import.meta.url)
const PREFIX = 'delay.'
const IDLE_MS = 10_000

interface Window {
  at: number
  p99: number
  max: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function median (values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

/** Resolves with when the first chunk and the last were stored. */
async function ingestSpan (watch: OffsetWatch, total: number) {
  while (watch.consumed() === 0) await sleep(50)
  const from = Date.now()
  while (watch.consumed() < total) await sleep(50)

  return { from, to: Date.now() }
}

function report (windows: Window[], span: { from: number, to: number }): void {
  const phases = {
    ingesting: windows.filter((w) => w.at - 2_000 >= span.from && w.at <= span.to),
    idle: windows.filter((w) => w.at - 2_000 >= span.to)
  }
  const figures = new Report()
  for (const [phase, list] of Object.entries(phases)) {
    const note = `${list.length} windows; worst p99 ${Math.max(...list.map((w) => w.p99))
      .toFixed(0)} ms, worst max ${Math.max(...list.map((w) => w.max)).toFixed(0)} ms`
    figures.add({ section: 'loop delay', name: `${phase}: p99 per window (median)`,
      value: median(list.map((w) => w.p99)), unit: 'ms', note })
  }
}

async function main (): Promise<void> {
  const settings = readSettings()
  log(`machine: ${JSON.stringify(describeMachine())}`)
  const workDir = mkdtempSync(join(settings.workDir ?? tmpdir(), 'dnsledger-delay-'))
  const broker = await startFeedBroker(join(workDir, 'kafka'), [PREFIX], settings.partitions)
  try {
    const gen = new ObservationGenerator(loadSeedPools())
    const spec = { stored: 0, firstNew: 0, messages: settings.ingestMessages, repeatPercent: 0,
      salt: 3 }
    const counts = await writeWindowFiles(windowMessages(gen, spec), workDir, PREFIX)
    await produceWindow(broker, workDir, PREFIX, counts)
    const db = join(workDir, 'service.db')
    const logFile = join(workDir, 'service.log')
    const service = await startService({ db, logFile, env: { NODE_OPTIONS:
      `--import=${PROBE.href}` }, kafka: { broker, prefix: PREFIX, groupId: 'delay' } })
    const watch = new OffsetWatch(db, PREFIX)
    try {
      const span = await ingestSpan(watch, spec.messages)
      await sleep(IDLE_MS)
      const windows = readFileSync(logFile, 'utf8').split('\n')
        .filter((line) => line.startsWith('loop-delay '))
        .map((line) => JSON.parse(line.slice('loop-delay '.length)) as Window)
      report(windows, span)
    } finally {
      watch.close()
      await service.stop()
    }
  } finally {
    await broker.stop()
    rmSync(workDir, { recursive: true, force: true })
  }
}

await main()
