/** The targets, judged from the figures: PASS or MISS, and by how much. */
import { LOOKUP_KINDS } from './lookup-targets.js'
import { ratioOf, type Report } from './report.js'
import { sizeLabel } from './settings.js'

const TEN_M = 1e7
const HUNDRED_M = 1e8

function pct (ratio: number): string {
  return `${(ratio * 100).toFixed(0)}%`
}

function ingestTargets (report: Report, at: string) {
  const ingest = report.find('ingest', 'ingest', at)
  const limit = report.find('write', 'storage limit (bare upserts)', at)
  if (ingest === undefined || limit === undefined) return
  const ratio = ingest.value / limit.value
  report.target(`ingest @${at} ≥ 0.8 of the storage limit`, ratio >= 0.8,
    `${pct(ratio)} (${Math.round(ingest.value)} of ${Math.round(limit.value)} obs/s)`)
  report.target(`ingest @${at} ≥ 100,000 obs/s`, ingest.value >= 100_000,
    `${Math.round(ingest.value)} obs/s (${pct(ingest.value / 100_000)} of the target)`)
}

function growthTarget (report: Report, sizes: number[]) {
  const big = report.find('ingest', 'ingest', sizeLabel(HUNDRED_M))
  const ten = report.find('ingest', 'ingest', sizeLabel(TEN_M))
  if (!sizes.includes(HUNDRED_M) || big === undefined || ten === undefined) {
    report.target('ingest @100M ≥ 0.5 of @10M', false, 'not measured: run npm run bench:long')
    return
  }
  const ratio = big.value / ten.value
  report.target('ingest @100M ≥ 0.5 of @10M', ratio >= 0.5, `${ratio.toFixed(2)} of the 10M rate`)
}

function lookupTargets (report: Report, at: string) {
  for (const kind of LOOKUP_KINDS) {
    const rps = report.find('lookup', `${kind}@10 req/s`, at)
    const bare = report.find('bare', 'bare@10 req/s', at)
    const p99 = report.find('lookup', `${kind}@10 p99`, at)
    const busy = report.find('during ingest', `${kind}@10 p99`, at)
    if (rps === undefined || bare === undefined || p99 === undefined) continue
    const ratio = ratioOf(rps) ?? rps.value / bare.value
    report.target(`${kind} @${at}, 10 conns: ≥ 0.7 of bare Fastify req/s`, ratio >= 0.7,
      `${ratio.toFixed(2)} (${Math.round(rps.value)} vs ${Math.round(bare.value)} req/s)`)
    report.target(`${kind} @${at}, 10 conns: p99 < 10 ms`, p99.value < 10,
      `${p99.value.toFixed(1)} ms`)
    if (report.find('during ingest', `${kind}@10 req/s`, at)?.value === 0) {
      report.target(`${kind} @${at}, 10 conns: p99 during ingest ≤ 2× idle`, false,
        'no request completed while ingest ran')
      continue
    }
    if (busy === undefined) continue
    const busyRatio = busy.value / p99.value
    report.target(`${kind} @${at}, 10 conns: p99 during ingest ≤ 2× idle`, busyRatio <= 2,
      `${busyRatio.toFixed(1)}× (${busy.value.toFixed(1)} vs ${p99.value.toFixed(1)} ms)`)
  }
}

export function judgeTargets (report: Report, sizes: number[]): void {
  const ref = sizes.includes(TEN_M) ? TEN_M : sizes[sizes.length - 1] as number
  const at = sizeLabel(ref)
  if (ref !== TEN_M) report.target('store sizes', false, `10M not measured; judged at ${at}`)
  ingestTargets(report, at)
  growthTarget(report, sizes)
  lookupTargets(report, at)
  const bytes = report.find('size', 'bytes on disk per observation', at)
  if (bytes !== undefined) {
    report.target(`size @${at} ≤ 60 bytes/observation`, bytes.value <= 60,
      `${bytes.value.toFixed(1)} B`)
  }
  const startup = report.find('startup', 'start to serving', at)
  if (startup !== undefined) {
    report.target(`startup @${at} < 1 s`, startup.value < 1000, `${Math.round(startup.value)} ms`)
  }
}
