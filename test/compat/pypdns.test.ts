/**
 * The real CIRCL client, PyPDNS (scripts/compat-deps.sh installs it in .cache/compat-venv),
 * against a built dnsledger over the sample data, through a small Python script: its
 * iter_query follows x-dribble-cursor page by page (50 records a page), and what it collects
 * must be exactly what the native API has.
 */
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { ServiceProcess } from '../helpers/service-process.js'
import {
  COMPAT_KEY, COMPAT_LIMITED_KEY, COMPAT_USER_KEY, compatService, localEnv, nativeLines,
  recordLine, run
} from './compat-service.js'

const python = fileURLToPath(new URL('../../.cache/compat-venv/bin/python', import.meta.url))
const script = fileURLToPath(new URL('./pypdns-client.py', import.meta.url))
const installed = spawnSync(python, ['-c', 'import pypdns'], { stdio: 'ignore' }).status === 0
const skip = installed ? false : 'PyPDNS is not installed: run scripts/compat-deps.sh'

interface Call {
  method: 'iter_query' | 'rfc_query'
  q: string
  filter?: string
}

async function pypdns (service: ServiceProcess, auth: object, calls: Call[]) {
  const spec = { url: `http://127.0.0.1:${service.port}/pdns/query`, auth, calls }
  const out = await run(python, [script, JSON.stringify(spec)], localEnv({}))
  if (out.code !== 0) throw new Error(`pypdns-client.py failed: ${out.stderr}`)

  return JSON.parse(out.stdout) as Array<{ records?: any[], error?: string }>
}

function lines (records: any[] = []): string[] {
  return records.map((r) => recordLine({ ...r, first: r.time_first, last: r.time_last })).sort()
}

t.test('PyPDNS against dnsledger', { skip }, async (t) => {
  const service = await compatService(t)
  const basic = { basic: ['analyst', COMPAT_KEY] }

  t.test('iter_query pages through every record of a large answer', async (t) => {
    const [all] = await pypdns(service, basic, [{ method: 'iter_query', q: '0.0.0.0,0' }])
    const expected = await nativeLines(service, '/v1/ips/0.0.0.0/0')
    t.ok(expected.length > 1000, `${expected.length} records: more than 20 pages of 50`)
    t.same(lines(all?.records), expected.sort())
    t.ok(all?.records?.every((r) => Number.isInteger(r.time_first) &&
      Number.isInteger(r.time_last) && Number.isInteger(r.count)), 'COF integers')
  })

  t.test('names, addresses and the rrtype filter', async (t) => {
    const answers = await pypdns(service, basic, [
      { method: 'iter_query', q: 'walmart.com' },
      { method: 'iter_query', q: 'walmart.com', filter: 'MX' },
      { method: 'rfc_query', q: '149.111.205.25' },
      { method: 'iter_query', q: '2607:f8b0:4007:800::2003' }
    ])
    const natives = ['/v1/domains/walmart.com', '/v1/domains/walmart.com?type=MX',
      '/v1/ips/149.111.205.25', '/v1/ips/2607:f8b0:4007:800::2003']
    for (const [i, path] of natives.entries()) {
      const expected = (await nativeLines(service, path)).sort()
      t.ok(expected.length > 0, path)
      t.same(lines(answers[i]?.records), expected, path)
    }
  })

  t.test('credentials: user:password, a token; a wrong one is refused', async (t) => {
    const [user, password] = COMPAT_USER_KEY.split(':') as [string, string]
    const call: Call[] = [{ method: 'rfc_query', q: 'walmart.com' }]
    const expected = (await nativeLines(service, '/v1/domains/walmart.com')).sort()
    t.same(lines((await pypdns(service, { basic: [user, password] }, call))[0]?.records),
      expected)
    t.same(lines((await pypdns(service, { token: COMPAT_KEY }, call))[0]?.records), expected)
    t.same(await pypdns(service, { basic: ['analyst', 'wrong-password-0123456'] }, call),
      [{ error: 'UnauthorizedError' }])
  })

  t.test('past its key\'s limit PyPDNS gets a 429, which it raises as RateLimitError',
    async (t) => {
      const call: Call = { method: 'rfc_query', q: 'walmart.com' }
      const answers = await pypdns(service, { token: COMPAT_LIMITED_KEY }, [call, call, call])
      t.ok(answers[0]?.records !== undefined && answers[1]?.records !== undefined)
      t.same(answers[2], { error: 'RateLimitError' })
    })
})
