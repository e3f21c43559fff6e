/**
 * The independent load generator: wrk (Debian's `wrk` package), a C program in its own process,
 * so that on a 2-core machine it takes less CPU from the server than a Node one would. It
 * cycles through a file of paths and reports requests/s and latency percentiles. wrk does not
 * correct for coordinated omission: under saturation its p99 is a lower bound.
 */
import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface LoadResult {
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  requests: number
  /** Socket errors, timeouts and non-2xx answers: any makes the run suspect. */
  errors: number
}

const SCRIPT = `
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('RESULT {"requests":%d,"us":%d,"errors":%d,"p50":%d,"p99":%d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
`

export function hasWrk (): Promise<boolean> {
  return run('wrk', ['--version']).then(() => true, (err: { code?: unknown }) => err.code === 1)
}

export async function runLoad (port: number, paths: string[], connections: number,
  seconds: number, workDir: string): Promise<LoadResult> {
  const script = join(workDir, 'cycle-paths.lua')
  const pathsFile = join(workDir, `paths-${process.pid}.txt`)
  writeFileSync(script, SCRIPT)
  writeFileSync(pathsFile, `${paths.join('\n')}\n`)
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', script,
    `http://127.0.0.1:${port}`]
  const { stdout } = await run('wrk', args, { env: { ...process.env, BENCH_PATHS: pathsFile } })
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '))
  if (line === undefined) throw new Error(`wrk printed no result:\n${stdout}`)
  const r = JSON.parse(line.slice(7)) as Record<string, number>

  return {
    requestsPerSecond: (r.requests ?? 0) / ((r.us ?? 1) / 1e6),
    p50Ms: (r.p50 ?? 0) / 1000,
    p99Ms: (r.p99 ?? 0) / 1000,
    requests: r.requests ?? 0,
    errors: r.errors ?? 0
  }
}
