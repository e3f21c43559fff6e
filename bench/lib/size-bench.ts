/**
 * Everything measured at one store size, in order: size on disk, ingest, idle lookups, then
 * lookups during ingest. Each step lives in its own file.
 */
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { newCount, type WindowSpec } from '../gen/window.js'
import { duringIngest } from './busy-lookups.js'
import { idleLookups } from './idle-lookups.js'
import { ingestFigures } from './ingest-bench.js'
import { sizeLabel } from './settings.js'
import type { SizeContext } from './size-context.js'
import { removeStore } from './write-paths.js'

export { windowPrefixes, type SizeContext } from './size-context.js'

function sizeFigures (ctx: SizeContext, size: number) {
  const bytes = ['', '-wal'].reduce((sum, suffix) => {
    try { return sum + statSync(`${ctx.base}${suffix}`).size } catch { return sum }
  }, 0)
  ctx.report.add({ section: 'size', size: sizeLabel(size), name: 'bytes on disk per observation',
    value: bytes / size, unit: 'B/obs', note: `${(bytes / 2 ** 20).toFixed(0)} MiB` })
}

export async function benchSize (ctx: SizeContext, size: number): Promise<void> {
  const { settings } = ctx
  const db = join(ctx.workDir, 'service.db')
  const spec: WindowSpec = { stored: size, firstNew: size, messages: settings.ingestMessages,
    repeatPercent: settings.repeatPercent, salt: size % 1_000_003 }
  sizeFigures(ctx, size)
  const rate = await ingestFigures(ctx, size, spec, db)
  const { paths, idle } = await idleLookups(ctx, size, db)
  await duringIngest(ctx, size, rate, paths, idle, newCount(spec))
  removeStore(db)
}
