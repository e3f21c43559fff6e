/**
 * `node dist/bench/ingest-variants.js`: the service's ingest (Kafka, kafkajs, parsers, store)
 * over the same window at one store size (BENCH_VARIANT_SIZE, default 10M), in alternating
 * turns: this build against another build (BENCH_OTHER_MAIN, the path of its
 * dist/src/main.js, e.g. a checkout of the previous commit) or against this build with other
 * settings (BENCH_OTHER_ENV, JSON). Each turn starts on a fresh copy of the base store
 * (BENCH_VARIANT_BASE reuses one built earlier with the same generator and size).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ObservationGenerator } from './gen/generator.js'
import { loadSeedPools } from './gen/seed-pools.js'
import { windowMessages } from './gen/window.js'
import { produceWindow, startFeedBroker, writeWindowFiles } from './lib/feed-broker.js'
import { OffsetWatch, startService, waitIngested } from './lib/ingest-run.js'
import { describeMachine } from './lib/machine.js'
import { log, Report } from './lib/report.js'
import { readSettings, sizeLabel } from './lib/settings.js'
import { variantBase } from './lib/store-build.js'
import { copyStore, removeStore } from './lib/write-paths.js'

interface Side {
  name: string
  main?: URL
  env?: Record<string, string>
  rates: number[]
}

function sides (): [Side, Side] {
  const other = process.env.BENCH_OTHER_MAIN
  const env = process.env.BENCH_OTHER_ENV
  const otherSide: Side = other !== undefined
    ? { name: `other build (${other})`, main: pathToFileURL(other), rates: [] }
    : { name: `this build, ${env ?? '{}'}`, env: JSON.parse(env ?? '{}'), rates: [] }

  return [{ name: 'this build', rates: [] }, otherSide]
}

/**
 * CPU seconds of a process so far: the main thread (kafkajs, packing chunks), the busiest
 * other thread (the store writer: parsing, SQLite) and all the rest (Linux /proc, 100 Hz).
 */
function threadCpu (pid: number): { main: number, writer: number, rest: number } {
  const seconds = readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return { main: Number(tid) === pid, cpu: (Number(fields[11]) + Number(fields[12])) / 100 }
  })
  const others = seconds.filter((t) => !t.main).map((t) => t.cpu).sort((a, b) => b - a)
  const round = (x: number) => Math.round(x * 10) / 10

  return { main: round(seconds.find((t) => t.main)?.cpu ?? 0), writer: round(others[0] ?? 0),
    rest: round(others.slice(1).reduce((a, b) => a + b, 0)) }
}

function median (values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

async function main (): Promise<void> {
  const settings = readSettings()
  const size = Math.round(Number(process.env.BENCH_VARIANT_SIZE ?? 1e7))
  log(`machine: ${JSON.stringify(describeMachine())}`)
  if (settings.workDir !== undefined) mkdirSync(settings.workDir, { recursive: true })
  const workDir = mkdtempSync(join(settings.workDir ?? tmpdir(), 'dnsledger-ingest-variants-'))
  const prefix = 'bench-variants.'
  const broker = await startFeedBroker(join(workDir, 'kafka'), [prefix], settings.partitions)
  try {
    const gen = new ObservationGenerator(loadSeedPools())
    const { base, spec } = variantBase(gen, settings, size, workDir)
    const counts = await writeWindowFiles(windowMessages(gen, spec), workDir, prefix)
    await produceWindow(broker, workDir, prefix, counts)
    const [mine, other] = sides()
    const db = join(workDir, 'service.db')
    for (let pair = 0; pair < settings.pairs; pair++) {
      for (const side of pair % 2 === 0 ? [mine, other] : [other, mine]) {
        copyStore(base, db)
        const service = await startService({ db, logFile: join(workDir, 'service.log'),
          kafka: { broker, prefix, groupId: `variants-${pair}-${side === mine ? 'a' : 'b'}` },
          env: side.env, main: side.main })
        const watch = new OffsetWatch(db, prefix)
        try {
          const { rate } = await waitIngested(watch, spec.messages, service.child.pid as number,
            600_000 + spec.messages)
          side.rates.push(rate)
          log(`  ${side.name}: ${Math.round(rate)} obs/s; CPU s (whole run): ` +
            JSON.stringify(threadCpu(service.child.pid as number)))
        } finally {
          watch.close()
          await service.stop()
        }
      }
    }
    const report = new Report()
    const baseline = { name: other.name, value: median(other.rates) }
    report.add({ section: 'ingest variant', size: sizeLabel(size), name: other.name,
      value: baseline.value, unit: 'obs/s' })
    report.add({ section: 'ingest variant', size: sizeLabel(size), name: mine.name,
      value: median(mine.rates), unit: 'obs/s', baseline })
  } finally {
    await broker.stop()
    removeStore(join(workDir, 'service.db'))
    if (!settings.keep) rmSync(workDir, { recursive: true, force: true })
  }
}

await main()
