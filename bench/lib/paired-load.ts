/**
 * Load runs in pairs: a subject and its baseline alternate in short runs, so that both see the
 * same moments of a shared, noisy machine; the ratio reported is the median of the pairs'
 * ratios, the values the means of the runs.
 */
import { runLoad, type LoadResult } from './wrk.js'

export interface Endpoint {
  port: number
  paths: string[]
}

export interface PairedResult {
  subject: LoadResult
  base: LoadResult
  rps: number
  p50: number
  p99: number
}

function mean (results: LoadResult[]): LoadResult {
  const avg = (pick: (r: LoadResult) => number) =>
    results.reduce((sum, r) => sum + pick(r), 0) / results.length

  return {
    requestsPerSecond: avg((r) => r.requestsPerSecond),
    p50Ms: avg((r) => r.p50Ms),
    p99Ms: avg((r) => r.p99Ms),
    requests: results.reduce((sum, r) => sum + r.requests, 0),
    errors: results.reduce((sum, r) => sum + r.errors, 0)
  }
}

function median (values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)

  return sorted.length % 2 === 1
    ? sorted[middle] as number
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

export async function pairedLoad (subject: Endpoint, base: Endpoint, connections: number,
  pairs: number, seconds: number, workDir: string): Promise<PairedResult> {
  const subjects: LoadResult[] = []
  const bases: LoadResult[] = []
  for (let round = 0; round < pairs; round++) {
    // Who goes first alternates, so neither always gets the warmer or the quieter slot.
    const order = round % 2 === 0 ? [base, subject] : [subject, base]
    for (const endpoint of order) {
      const result = await runLoad(endpoint.port, endpoint.paths, connections, seconds, workDir)
      ;(endpoint === base ? bases : subjects).push(result)
    }
  }
  const ratio = (pick: (r: LoadResult) => number) =>
    median(subjects.map((s, i) => pick(s) / pick(bases[i] as LoadResult)))

  return {
    subject: mean(subjects),
    base: mean(bases),
    rps: ratio((r) => r.requestsPerSecond),
    p50: ratio((r) => r.p50Ms),
    p99: ratio((r) => r.p99Ms)
  }
}
