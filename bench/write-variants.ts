/**
 * `node dist/bench/write-variants.js`: proposed storage settings, measured as bare-writer
 * variants over the same ingest window at one store size (BENCH_VARIANT_SIZE, default 10M),
 * each against the settings before in turns of one 300k slice (see variant-paths.ts; give
 * BENCH_INGEST_MESSAGES=600000 or more so that the turns alternate).
 * BENCH_VARIANT_BASE reuses a store built earlier with the same generator and size.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ObservationGenerator } from './gen/generator.js'
import { loadSeedPools } from './gen/seed-pools.js'
import { windowMessages } from './gen/window.js'
import { describeMachine } from './lib/machine.js'
import { log, Report } from './lib/report.js'
import { readSettings, sizeLabel } from './lib/settings.js'
import { variantBase } from './lib/store-build.js'
import { VARIANTS, variantRates } from './lib/variant-paths.js'

async function main (): Promise<void> {
  const settings = readSettings()
  const size = Math.round(Number(process.env.BENCH_VARIANT_SIZE ?? 1e7))
  log(`machine: ${JSON.stringify(describeMachine())}`)
  const workDir = mkdtempSync(join(settings.workDir ?? tmpdir(), 'dnsledger-variants-'))
  try {
    const gen = new ObservationGenerator(loadSeedPools())
    const { base, spec } = variantBase(gen, settings, size, workDir)
    const window = [...windowMessages(gen, spec)].map((m) => m.obs)
    const rates = variantRates(base, workDir, window)
    const report = new Report()
    const baseline = { name: VARIANTS[0]?.name ?? '', value: rates[0] ?? 0 }
    VARIANTS.forEach((variant, i) => report.add({ section: 'write variant', size: sizeLabel(size),
      name: variant.name, value: rates[i] ?? 0, unit: 'obs/s', baseline }))
  } finally {
    rmSync(workDir, { recursive: true, force: true })
  }
}

await main()
