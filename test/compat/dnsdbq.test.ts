/**
 * The real DNSDB client, Debian's dnsdbq (scripts/compat-deps.sh installs it), against a
 * built dnsledger over the sample data: what dnsdbq prints must be what the native API has.
 */
import t, { type Test } from 'tap'
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ServiceProcess } from '../helpers/service-process.js'
import {
  COMPAT_KEY, COMPAT_LIMITED_KEY, COMPAT_USER_KEY, compatService, jsonLines, localEnv, nativeGet,
  nativeLines, recordLine, run
} from './compat-service.js'

const installed = spawnSync('sh', ['-c', 'command -v dnsdbq'], { stdio: 'ignore' }).status === 0
const skip = installed ? false : 'dnsdbq is not installed: run scripts/compat-deps.sh'

/** dnsdbq parses `YYYY-MM-DD HH:MM:SS` as UTC (dnsdbq(1), TIMESTAMP FORMATS). */
function utc (text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`) / 1000
}

interface Dnsdbq {
  (args: string[], key?: string): ReturnType<typeof run>
  lines: (t: Test, args: string[]) => Promise<string[]>
}

function dnsdbqFor (service: ServiceProcess & { dir: string }): Dnsdbq {
  // An empty configuration file, so that no file of this machine's user changes the server.
  const config = join(service.dir, 'dnsdbq.conf')
  writeFileSync(config, '')
  const call = (args: string[], key = COMPAT_KEY) => run('dnsdbq', args, localEnv({
    DNSDBQ_CONFIG_FILE: config,
    DNSDB_SERVER: `http://127.0.0.1:${service.port}`,
    DNSDB_API_KEY: key
  }))
  const lines = async (t: Test, args: string[]) => {
    const out = await call(['-j', ...args])
    t.equal(out.code, 0, `dnsdbq ${args.join(' ')} exits 0: ${out.stderr}`)
    return jsonLines(out.stdout).map((o) => recordLine({ ...o, first: o.time_first,
      last: o.time_last }))
  }

  return Object.assign(call, { lines })
}

t.test('dnsdbq against dnsledger', { skip }, async (t) => {
  const service = await compatService(t)
  const dnsdbq = dnsdbqFor(service)
  const same = async (t: Test, args: string[], native: string | string[]) => {
    const paths = Array.isArray(native) ? native : [native]
    const expected = (await Promise.all(paths.map((p) => nativeLines(service, p)))).flat()
    const got = await dnsdbq.lines(t, args)
    t.ok(got.length > 0, `dnsdbq ${args.join(' ')} finds records`)
    t.same(got.sort(), expected.sort(), `dnsdbq ${args.join(' ')} = ${paths.join(' + ')}`)
  }

  t.test('rrset lookups, with and without a type', async (t) => {
    await same(t, ['-l', '0', '-r', 'walmart.com'], '/v1/domains/walmart.com')
    await same(t, ['-r', 'walmart.com/MX'], '/v1/domains/walmart.com?type=MX')
    await same(t, ['-t', 'NS', '-r', 'WALMART.COM.'], '/v1/domains/walmart.com?type=NS')
    await same(t, ['-r', './SOA', '-l', '0'], '/v1/domains/%2E?type=SOA')
  })

  t.test('left-hand and right-hand wildcards', async (t) => {
    await same(t, ['-r', '*.walmart.com'], '/v1/domains/*.walmart.com')
    await same(t, ['-r', 'ise.wrccdc.*'], ['/v1/domains/ise.wrccdc.org',
      '/v1/domains/ise.wrccdc.cpp.edu'])
  })

  t.test('rdata lookups by name', async (t) => {
    await same(t, ['-n', 'mailrnh.corpmailsvcs.com'], '/v1/mx/mailrnh.corpmailsvcs.com')
    await same(t, ['-n', 'mns01.domaincontrol.com/NS'], '/v1/nameservers/mns01.domaincontrol.com')
    await same(t, ['-n', 'ise.wrccdc.cpp.edu/CNAME'], '/v1/cnames/ise.wrccdc.cpp.edu')
  })

  t.test('rdata lookups by address, network (CIDR) and range, IPv4 and IPv6', async (t) => {
    await same(t, ['-i', '149.111.205.25'], '/v1/ips/149.111.205.25')
    await same(t, ['-i', '149.111.205.0/24'], '/v1/ips/149.111.205.0/24')
    await same(t, ['-i', '149.111.205.0-149.111.205.63'], '/v1/ips/149.111.205.0/26')
    await same(t, ['-i', '2607:f8b0:4007::/48'], '/v1/ips/2607:f8b0:4007::/48')
  })

  t.test('time fences: -A, -B, and -c for complete containment', async (t) => {
    const after = utc('2023-10-04 12:00:00')
    const before = utc('2023-10-04 18:00:00')
    await same(t, ['-r', '*.walmart.com', '-A', '2023-10-04 12:00:00'],
      `/v1/domains/*.walmart.com?time_last_after=${after}`)
    await same(t, ['-r', '*.walmart.com', '-B', String(before)],
      `/v1/domains/*.walmart.com?time_first_before=${before}`)
    await same(t, ['-r', '*.walmart.com', '-c', '-A', String(after), '-B', String(before)],
      `/v1/domains/*.walmart.com?time_first_after=${after}&time_last_before=${before}`)
    await same(t, ['-i', '149.111.205.0/24', '-A', String(before)],
      `/v1/ips/149.111.205.0/24?time_last_after=${before}`)
  })

  t.test('limit and offset page through the same order as the native API', async (t) => {
    const all = await nativeLines(service, '/v1/ips/149.111.205.0/24')
    t.same(await dnsdbq.lines(t, ['-i', '149.111.205.0/24', '-l', '5']), all.slice(0, 5))
    const next = await dnsdbq.lines(t, ['-i', '149.111.205.0/24', '-l', '5', '-O', '5'])
    t.same(next, all.slice(5, 10))
    const cut = await dnsdbq(['-i', '149.111.205.0/24', '-l', '3', '-L', '100'])
    t.match(cut.stderr, /Database limit: Result limit reached/)
  })

  t.test('summarize', async (t) => {
    const native = (await nativeGet(service, '/v1/domains/*.walmart.com?limit=10000')).body.records
    const out = await dnsdbq(['-j', '-V', 'summarize', '-r', '*.walmart.com'])
    t.same(jsonLines(out.stdout), [{
      count: native.reduce((sum: number, r: any) => sum + r.count, 0),
      num_results: native.length,
      time_first: Math.min(...native.map((r: any) => r.first_seen)),
      time_last: Math.max(...native.map((r: any) => r.last_seen))
    }])
    const capped = await dnsdbq(['-j', '-V', 'summarize', '-M', '2', '-r', '*.walmart.com'])
    t.equal(jsonLines(capped.stdout)[0].num_results, 2)
    const text = await dnsdbq(['-V', 'summarize', '-r', 'walmart.com/MX'])
    t.match(text.stdout, /;; count: \d+; num_results: \d+/)
  })

  t.test('the text output a person reads', async (t) => {
    const out = await dnsdbq(['-r', 'ise.wrccdc.org'])
    t.match(out.stdout, /^;; record times: 2018-03-24 17:15:20 \.\. 2018-03-24 17:16:20/)
    t.match(out.stdout, /\n;; count: 872\nise\.wrccdc\.org\.  CNAME  ise\.wrccdc\.cpp\.edu\.\n/)
  })

  t.test('rate_limit (-I) and a wrong key', async (t) => {
    const info = await dnsdbq(['-I'])
    t.match(info.stdout, /rate:\n\treset: n\/a\n\tlimit: unlimited\n/)
    t.match(info.stdout, /results_max: 10000\n\toffset_max: 1000000\n/)
    const denied = await dnsdbq(['-j', '-r', 'walmart.com'], 'not-a-key-0123456789')
    t.equal(denied.stdout, '')
    t.match(denied.stderr, /403.*\n.*missing or unknown API key/)
  })

  t.test('a wildcard DNSDB refuses is refused as DNSDB refuses it, quoting the name sent',
    async (t) => {
      const out = await dnsdbq(['-j', '-r', '*.*.walmart.com'])
      t.equal(out.stdout, '')
      t.match(out.stderr, /400.*\n.*"\*\.\*\.walmart\.com" has more than one \*/)
    })

  t.test('a key with its own limit: -I shows it, and past it dnsdbq reports the 429',
    async (t) => {
      const info = await dnsdbq(['-I'], COMPAT_LIMITED_KEY)
      t.match(info.stdout, /rate:\n\treset: \d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d/)
      t.match(info.stdout, /\tlimit: 2\n\tremaining: 2\n/)
      t.match(info.stdout, /\tburst rate: 2 per 2 hours\n/)
      for (let i = 0; i < 2; i++) {
        t.equal((await dnsdbq(['-j', '-r', 'walmart.com/NS'], COMPAT_LIMITED_KEY)).code, 0)
      }
      const limited = await dnsdbq(['-j', '-r', 'walmart.com/NS'], COMPAT_LIMITED_KEY)
      t.equal(limited.stdout, '')
      t.match(limited.stderr, /429.*\n.*this API key may make 1 requests an hour, 2 at once/)
      const after = await dnsdbq(['-I'], COMPAT_LIMITED_KEY)
      t.match(after.stdout, /\tremaining: 0\n/, '-I itself is not refused')
    })

  t.test('dnsdbq -u circl against the CIRCL-compatible API', async (t) => {
    const config = join(service.dir, 'circl.conf')
    writeFileSync(config, `DNSDBQ_SYSTEM=circl\nCIRCL_AUTH=${COMPAT_USER_KEY}\n` +
      `CIRCL_SERVER=http://127.0.0.1:${service.port}/pdns/query\n`)
    const out = await run('dnsdbq', ['-j', '-r', 'walmart.com'],
      localEnv({ DNSDBQ_CONFIG_FILE: config }))
    const got = jsonLines(out.stdout).map((o) => recordLine({ ...o, first: o.time_first,
      last: o.time_last }))
    t.same(got.sort(), (await nativeLines(service, '/v1/domains/walmart.com')).sort())
  })
})
