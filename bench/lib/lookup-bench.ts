/**
 * Lookups over HTTP: every kind at every connection count, against a running service, each
 * beside a baseline run of the same shape (bare Fastify when idle, the idle run during ingest).
 */
import type { ObservationGenerator } from '../gen/generator.js'
import { httpGet } from './child-process.js'
import { LOOKUP_KINDS, lookupPaths, type LookupKind } from './lookup-targets.js'
import { pairedLoad, type PairedResult } from './paired-load.js'
import type { Report } from './report.js'
import type { BenchSettings } from './settings.js'
import { runLoad, type LoadResult } from './wrk.js'

export type LoadTable = Map<string, LoadResult>

export function loadKey (kind: string, connections: number): string {
  return `${kind}@${connections}`
}

export function allPaths (gen: ObservationGenerator, stored: number, settings: BenchSettings) {
  return new Map<LookupKind, string[]>(LOOKUP_KINDS.map((kind) =>
    [kind, lookupPaths(gen, stored, kind, settings.targetsPerKind, settings.lookupLimit)]))
}

/** Mean records per answer and any non-200, from a sample of each kind's paths. */
export async function answerShape (port: number, paths: string[]) {
  let records = 0
  let bad = 0
  const sample = paths.slice(0, 40)
  for (const path of sample) {
    const reply = await httpGet(port, path)
    if (reply.status !== 200) bad++
    else records += (JSON.parse(reply.body) as { records: unknown[] }).records.length
  }

  return { meanRecords: records / Math.max(1, sample.length - bad), bad }
}

export async function runLookups (port: number, paths: Map<LookupKind, string[]>,
  settings: BenchSettings, workDir: string, seconds = settings.wrkSeconds): Promise<LoadTable> {
  const table: LoadTable = new Map()
  for (const kind of LOOKUP_KINDS) {
    for (const connections of settings.connections) {
      const result = await runLoad(port, paths.get(kind) ?? [], connections, seconds, workDir)
      table.set(loadKey(kind, connections), result)
    }
  }

  return table
}

/** Unrecorded load on every kind's paths, so that no measured run pays for JIT warm-up. */
export async function warmUp (port: number, paths: Map<LookupKind, string[]>,
  settings: BenchSettings, workDir: string): Promise<void> {
  const mixed = [...paths.values()].flat()
  await runLoad(port, mixed, 10, Math.max(2, settings.wrkSeconds), workDir)
}

export type PairedTable = Map<string, PairedResult>

/** Each kind at each connection count against `basePort`, in pairs (see paired-load.ts). */
export async function pairedLookups (port: number, paths: Map<LookupKind, string[]>,
  base: { port: number, paths: (kind: LookupKind) => string[] }, connections: number[],
  settings: BenchSettings, workDir: string): Promise<PairedTable> {
  const table: PairedTable = new Map()
  for (const kind of LOOKUP_KINDS) {
    for (const conns of connections) {
      const result = await pairedLoad({ port, paths: paths.get(kind) ?? [] },
        { port: base.port, paths: base.paths(kind) }, conns, settings.pairs,
        settings.wrkSeconds, workDir)
      table.set(loadKey(kind, conns), result)
    }
  }

  return table
}

function noteOf (result: LoadResult): string | undefined {
  if (result.requests === 0) return 'no request completed'
  return result.errors > 0 ? `${result.errors} errors` : undefined
}

export function reportPaired (report: Report, section: string, size: string,
  table: PairedTable, baseName: string): void {
  for (const [key, { subject, base, rps, p50, p99 }] of table) {
    const add = (name: string, value: number, baseValue: number, unit: string, ratio: number,
      note?: string) => report.add({ section, size, name: `${key} ${name}`, value, unit, ratio,
      baseline: { name: baseName, value: baseValue }, note })
    add('req/s', subject.requestsPerSecond, base.requestsPerSecond, 'req/s', rps, noteOf(subject))
    add('p50', subject.p50Ms, base.p50Ms, 'ms', p50)
    add('p99', subject.p99Ms, base.p99Ms, 'ms', p99)
  }
}

/** The baseline runs of a paired table, as figures of their own (mean per connection count). */
export function reportBases (report: Report, section: string, size: string,
  table: PairedTable, kind: string): void {
  for (const [key, { base }] of table) {
    if (!key.startsWith(`${kind}@`)) continue
    const conns = key.slice(kind.length + 1)
    report.add({ section, size, name: `${section}@${conns} req/s`, value: base.requestsPerSecond,
      unit: 'req/s' })
    report.add({ section, size, name: `${section}@${conns} p99`, value: base.p99Ms, unit: 'ms' })
  }
}

/** Adds each run's req/s, p50 and p99 with their ratios to `baseline` at the same key. */
export function reportLoads (report: Report, section: string, size: string, table: LoadTable,
  baseline: (kind: string, connections: number) => { name: string, result?: LoadResult }) {
  for (const [key, result] of table) {
    const [kind = '', conns = '0'] = key.split('@')
    const base = baseline(kind, Number(conns))
    const note = noteOf(result)
    const versus = (value?: number) => base.result === undefined || value === undefined
      ? undefined
      : { name: base.name, value }
    report.add({ section, size, name: `${key} req/s`, value: result.requestsPerSecond,
      unit: 'req/s', baseline: versus(base.result?.requestsPerSecond), note })
    // With no request answered there is no latency to give, only that it was unbounded.
    if (result.requests === 0) continue
    report.add({ section, size, name: `${key} p50`, value: result.p50Ms, unit: 'ms',
      baseline: versus(base.result?.p50Ms) })
    report.add({ section, size, name: `${key} p99`, value: result.p99Ms, unit: 'ms',
      baseline: versus(base.result?.p99Ms) })
  }
}
