/**
 * `node dist/bench/lookup-pairs.js`: the quick loop for the request path. Each lookup kind at
 * 10 connections against the bare Fastify route, in alternating pairs, on a generated store of
 * BENCH_PAIR_SIZE observations (default 1M) kept at BENCH_PAIR_STORE between runs, plus the
 * time to serve an empty store and the kept one. BENCH_PAIR_NODE_ARGS are passed to the
 * service's node (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`); BENCH_PAIR_STARTS start-ups
 * of each (3; 0 skips them). Minutes, not the half hour of
 * `npm run bench`.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ObservationGenerator } from './gen/generator.js'
import { loadSeedPools } from './gen/seed-pools.js'
import { startNode, type Served } from './lib/child-process.js'
import { allPaths, warmUp } from './lib/lookup-bench.js'
import { LOOKUP_KINDS, type LookupKind } from './lib/lookup-targets.js'
import { pairedLoad } from './lib/paired-load.js'
import { log } from './lib/report.js'
import { readSettings } from './lib/settings.js'
import { fillStore } from './lib/store-build.js'
import { removeStore } from './lib/write-paths.js'

const MAIN = new URL('../src/main.js', import.meta.url)
const BARE = new URL('./bare-fastify.js', import.meta.url)

function serve (db: string, logFile: string, main = MAIN): Promise<Served> {
  const nodeArgs = process.env.BENCH_PAIR_NODE_ARGS ?? ''
  const env: Record<string, string> = { DNSLEDGER_DB: db, DNSLEDGER_LOAD_SAMPLE: 'never' }
  if (nodeArgs !== '') env.NODE_OPTIONS = nodeArgs

  return startNode(main, env, logFile)
}

async function startupMs (db: string, logFile: string): Promise<number> {
  const service = await serve(db, logFile)
  await service.stop()

  return service.startupMs
}

async function main (): Promise<void> {
  const settings = readSettings()
  const size = Number(process.env.BENCH_PAIR_SIZE ?? 1e6)
  const workDir = mkdtempSync(join(settings.workDir ?? tmpdir(), 'dnsledger-pairs-'))
  const db = process.env.BENCH_PAIR_STORE ?? join(workDir, 'pairs.db')
  const logFile = join(workDir, 'service.log')
  const gen = new ObservationGenerator(loadSeedPools())
  if (!existsSync(db)) {
    log(`filling ${db} with ${size} observations`)
    fillStore(db, gen, 0, size)
  }
  const baseMain = process.env.BENCH_PAIR_BASE_MAIN
  const bare = baseMain === undefined
    ? await startNode(BARE, { BARE_RECORDS: String(settings.lookupLimit) },
      join(workDir, 'bare.log'))
    : await serve(db, join(workDir, 'base.log'), new URL(`file://${baseMain}`))
  try {
    const empty = join(workDir, 'empty.db')
    const starts = { empty: [] as number[], store: [] as number[] }
    for (let i = 0; i < Number(process.env.BENCH_PAIR_STARTS ?? 3); i++) {
      starts.empty.push(await startupMs(empty, logFile))
      starts.store.push(await startupMs(db, logFile))
      removeStore(empty)
    }
    log(`start to serving: base ${bare.startupMs.toFixed(0)} ms, empty store ` +
      `${starts.empty.map((ms) => ms.toFixed(0)).join('/')} ms, stored ` +
      `${starts.store.map((ms) => ms.toFixed(0)).join('/')} ms`)
    const service = await serve(db, logFile)
    try {
      const paths = allPaths(gen, size, settings)
      const barePaths = ['/bare/example.com']
      const basePaths = (kind: LookupKind) =>
        baseMain === undefined ? barePaths : paths.get(kind) ?? []
      await warmUp(service.port, paths, settings, workDir)
      await warmUp(bare.port, baseMain === undefined ? new Map([['name', barePaths]]) : paths,
        settings, workDir)
      for (const kind of LOOKUP_KINDS) {
        for (const conns of settings.connections) {
          const r = await pairedLoad({ port: service.port, paths: paths.get(kind) ?? [] },
            { port: bare.port, paths: basePaths(kind) }, conns, settings.pairs,
            settings.wrkSeconds, workDir)
          log(`${kind}@${conns}: ${r.subject.requestsPerSecond.toFixed(0)} req/s ` +
            `(x${r.rps.toFixed(2)} of base ${r.base.requestsPerSecond.toFixed(0)}), ` +
            `p99 ${r.subject.p99Ms.toFixed(1)} ms (base ${r.base.p99Ms.toFixed(1)}), ` +
            `errors ${r.subject.errors}`)
        }
      }
    } finally {
      await service.stop()
    }
  } finally {
    await bare.stop()
    rmSync(workDir, { recursive: true, force: true })
  }
}

await main()
