/** Every knob of the benchmark, from BENCH_* environment variables, with the defaults. */

export interface BenchSettings {
  /** Store sizes in distinct observations, ascending. */
  sizes: number[]
  /** Messages in each ingest window (the same observations for every write path). */
  ingestMessages: number
  /** Percent of window messages that repeat a stored pair. */
  repeatPercent: number
  /** Seconds per load-generator run. */
  wrkSeconds: number
  /** Alternating subject/baseline pairs per lookup comparison. */
  pairs: number
  connections: number[]
  /** Records per lookup page (the bare route returns as many). */
  lookupLimit: number
  /** Lookup paths per kind, cycled through by the load generator. */
  targetsPerKind: number
  /** Partitions per feed topic on the test broker. */
  partitions: number
  /** Where stores and message files go; removed at the end unless BENCH_KEEP=1. */
  workDir?: string
  keep: boolean
  /** Where the figures are written as JSON. */
  outFile?: string
}

function number (name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name}=${raw}: give a positive number`)
  }

  return value
}

function list (name: string, fallback: number[]): number[] {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  const values = raw.split(',').map((part) => Number(part.trim()))
  if (values.some((v) => !Number.isFinite(v) || v <= 0)) {
    throw new Error(`${name}=${raw}: give a comma-separated list of positive numbers, e.g. 1e6,1e7`)
  }

  return values.map(Math.round).sort((a, b) => a - b)
}

export function readSettings (): BenchSettings {
  return {
    sizes: list('BENCH_SIZES', [1e6, 1e7]),
    ingestMessages: Math.round(number('BENCH_INGEST_MESSAGES', 300_000)),
    repeatPercent: number('BENCH_REPEAT_PERCENT', 80),
    wrkSeconds: number('BENCH_WRK_SECONDS', 3),
    pairs: Math.round(number('BENCH_PAIRS', 2)),
    connections: list('BENCH_CONNECTIONS', [1, 10, 50]),
    lookupLimit: Math.round(number('BENCH_LOOKUP_LIMIT', 10)),
    targetsPerKind: Math.round(number('BENCH_TARGETS', 400)),
    partitions: Math.round(number('BENCH_PARTITIONS', 2)),
    workDir: process.env.BENCH_WORK_DIR,
    keep: process.env.BENCH_KEEP === '1',
    outFile: process.env.BENCH_OUT
  }
}

/** The same settings with lookups at 10 connections only, for the extra comparisons. */
export function atTenConnections (settings: BenchSettings): BenchSettings {
  return { ...settings, connections: [10] }
}

/** 1e6 → `1M`, 1.5e7 → `15M`, 2.5e5 → `250k`. */
export function sizeLabel (size: number): string {
  if (size >= 1e6) return `${+(size / 1e6).toFixed(1)}M`
  return `${+(size / 1e3).toFixed(1)}k`
}
