/**
 * A built dnsledger for the compatibility tests: started as a user would, on 127.0.0.1, over
 * a fresh database that it fills from data/sample/, with API keys configured. Child processes
 * get an environment without proxy settings, so that every request stays on this machine.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Test } from 'tap'
import { startService, type ServiceProcess } from '../helpers/service-process.js'

export const COMPAT_KEY = 'compat-test-key-0123456789abcdef'

/** A key written as CIRCL's `user:password`, as dnsdbq's CIRCL_AUTH sends it. */
export const COMPAT_USER_KEY = 'analyst:compat-password-0123456789'

/** A key with its own limit: two requests at once, then one an hour, so a third is refused. */
export const COMPAT_LIMITED_KEY = 'compat-limited-key-0123456789abcdef'

const PROXY_VARIABLES = ['http_proxy', 'https_proxy', 'all_proxy', 'HTTP_PROXY', 'HTTPS_PROXY',
  'ALL_PROXY', 'no_proxy', 'NO_PROXY']

export function localEnv (extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const name of PROXY_VARIABLES) delete env[name]

  return { ...env, NO_PROXY: '127.0.0.1,localhost', ...extra }
}

export function tempDir (t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'dnsledger-compat-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))

  return dir
}

export async function compatService (t: Test): Promise<ServiceProcess & { dir: string }> {
  const dir = tempDir(t)
  writeFileSync(join(dir, 'keys'), `${COMPAT_KEY}\n${COMPAT_USER_KEY}\n` +
    `${COMPAT_LIMITED_KEY} 1/h 2\n`)
  const service = await startService(t, {
    DNSLEDGER_DB: join(dir, 'compat.db'),
    DNSLEDGER_LOAD_SAMPLE: 'auto',
    KAFKA_BROKERS: '',
    LOG_LEVEL: 'warn',
    API_KEYS_FILE: join(dir, 'keys')
  })

  return Object.assign(service, { dir })
}

export interface Run {
  code: number
  stdout: string
  stderr: string
}

/** Runs a program to its end (in `cwd`, if given); bounded by a count of bytes, not by time. */
export function run (file: string, args: string[], env: NodeJS.ProcessEnv,
  cwd?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, cwd, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : (err as { code?: unknown }).code
      if (typeof code !== 'number') return reject(err)

      resolve({ code, stdout, stderr })
    })
  })
}

export function jsonLines (text: string): any[] {
  return text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line))
}

/** A record as a comparable line, whatever API it came from. */
export function recordLine (r: { rrname: string, rrtype: string, rdata: string | string[],
  first: number, last: number, count: number }): string {
  const rdata = Array.isArray(r.rdata) ? r.rdata.join(' | ') : r.rdata

  return `${r.rrname} ${r.rrtype} ${rdata} ${r.first} ${r.last} ${r.count}`
}

/** The native API, which needs a key like the others. */
export function nativeGet (service: ServiceProcess, path: string) {
  return service.get(path, { 'x-api-key': COMPAT_KEY })
}

/** The native API's records for a path, every page. */
export async function nativeLines (service: ServiceProcess, path: string): Promise<string[]> {
  const join = path.includes('?') ? '&' : '?'
  const res = await nativeGet(service, `${path}${join}limit=10000`)
  if (res.status !== 200 || res.body.truncated !== false) {
    throw new Error(`native ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`)
  }

  return res.body.records.map((r: any) => recordLine({ ...r, first: r.first_seen,
    last: r.last_seen }))
}
