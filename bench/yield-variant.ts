/**
 * `node dist/bench/yield-variant.js`: lookups while ingest runs in the same process, as in the
 * service, but with the ingest loop yielding to the event loop after every chunk (the cheapest
 * proposed fix; see yield-ingest-server.ts), at two chunk sizes. Each chunk size is compared
 * with the same process's idle lookups just before. BENCH_VARIANT_SIZE sets the store size
 * (default 1M); BENCH_INGEST_MESSAGES × 3 messages are written during the lookups.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ObservationGenerator } from './gen/generator.js'
import { loadSeedPools } from './gen/seed-pools.js'
import { windowMessages } from './gen/window.js'
import { startNode } from './lib/child-process.js'
import { writeWindowFiles } from './lib/feed-broker.js'
import { allPaths, loadKey, reportLoads, runLookups, warmUp } from './lib/lookup-bench.js'
import { describeMachine } from './lib/machine.js'
import { log, Report } from './lib/report.js'
import { readSettings, sizeLabel } from './lib/settings.js'
import { fillStore } from './lib/store-build.js'
import { copyStore } from './lib/write-paths.js'

const SERVER = new URL('./yield-ingest-server.js', import.meta.url)
const CHUNKS = [5_000, 500]

async function main (): Promise<void> {
  const settings = { ...readSettings(), connections: [10] }
  const size = Math.round(Number(process.env.BENCH_VARIANT_SIZE ?? 1e6))
  log(`machine: ${JSON.stringify(describeMachine())}`)
  const workDir = mkdtempSync(join(settings.workDir ?? tmpdir(), 'dnsledger-yield-'))
  const report = new Report()
  try {
    const gen = new ObservationGenerator(loadSeedPools())
    const base = join(workDir, 'base.db')
    fillStore(base, gen, 0, size)
    const spec = { stored: size, firstNew: size, messages: settings.ingestMessages * 3,
      repeatPercent: settings.repeatPercent, salt: 11 }
    await writeWindowFiles(windowMessages(gen, spec), workDir, 'y.')
    const paths = allPaths(gen, size, settings)
    for (const chunk of CHUNKS) {
      const db = join(workDir, 'yield.db')
      copyStore(base, db)
      const logFile = join(workDir, `yield-${chunk}.log`)
      const server = await startNode(SERVER, { YIELD_DB: db, YIELD_DIR: workDir,
        YIELD_PREFIX: 'y.', YIELD_CHUNK: String(chunk) }, logFile)
      try {
        await warmUp(server.port, paths, settings, workDir)
        const idle = await runLookups(server.port, paths, settings, workDir)
        server.child.kill('SIGUSR2')
        await new Promise((resolve) => setTimeout(resolve, 1000))
        const busy = await runLookups(server.port, paths, settings, workDir)
        const section = `ingest yielding, ${chunk} per chunk`
        reportLoads(report, section, sizeLabel(size), busy, (kind, conns) =>
          ({ name: 'idle', result: idle.get(loadKey(kind, conns)) }))
        if (readFileSync(logFile, 'utf8').includes('done')) log('  ingest ended before lookups')
      } finally {
        await server.stop()
      }
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true })
  }
}

await main()
