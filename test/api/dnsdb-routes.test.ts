import t, { type Test } from 'tap'
import { buildApp } from '../../src/api/app.js'
import type { Store } from '../../src/store/store.js'
import { batchOf, obs, tempStore } from '../helpers/temp-store.js'

const T0 = 1467700000
const T1 = 1467800000
const KEY = 'dnsdb-test-key-0123456789'

function fill (store: Store): void {
  store.write(batchOf([
    obs('example.com.', 'NS', 'ns1.example.net.', T0),
    obs('example.com.', 'MX', '10 mx.example.net.', T0),
    obs('example.com.', 'TXT', '"v=spf1 -all"', T0),
    obs('www.example.com.', 'A', '192.0.2.1', T0),
    obs('www.example.com.', 'A', '192.0.2.1', T1),
    obs('www.example.com.', 'AAAA', '2001:db8::1', T0),
    obs('mail.example.com.', 'A', '192.0.2.77', T1),
    obs('alias.example.com.', 'CNAME', 'www.example.com.', T0),
    obs('a/b.example.com.', 'A', '192.0.2.9', T0),
    obs('www.example.org.', 'A', '198.51.100.7', T1),
    obs('www.example.co.uk.', 'A', '203.0.113.9', T0),
    obs('www.example.', 'A', '203.0.113.10', T0),
    obs('www.xexample.com.', 'A', '203.0.113.11', T0),
    obs('example.org.', 'MX', 'mx.example.net.', T1)
  ]))
}

async function dnsdbApp (t: Test, apiKeys: string[] = [], maxLimit = 1000) {
  const store = tempStore(t)
  fill(store)
  const app = await buildApp({ store, logger: false, defaultLimit: 100, maxLimit, apiKeys })
  t.teardown(() => app.close())

  return { app, store }
}

interface Saf {
  status: number
  type: string
  lines: any[]
  objs: any[]
  end: any
  text: string
}

async function saf (app: Awaited<ReturnType<typeof dnsdbApp>>['app'], url: string,
  headers: Record<string, string> = {}): Promise<Saf> {
  const res = await app.inject({ url, headers })
  const lines = res.statusCode === 200 && res.body.startsWith('{"cond"')
    ? res.body.trimEnd().split('\n').map((line) => JSON.parse(line))
    : []
  const objs = lines.filter((line) => 'obj' in line).map((line) => line.obj)

  return { status: res.statusCode, type: String(res.headers['content-type']), lines, objs,
    end: lines[lines.length - 1], text: res.body }
}

const L = '/dnsdb/v2/lookup'
const S = '/dnsdb/v2/summarize'

function rows (objs: any[]): string[] {
  return objs.map((o) => `${o.rrname} ${o.rrtype} ${o.rdata.join(',')}`)
}

t.test('rrset lookup: SAF framing with DNSDB field names, one rdata per object', async (t) => {
  const { app } = await dnsdbApp(t)
  const res = await saf(app, `${L}/rrset/name/www.example.com`)
  t.equal(res.status, 200)
  t.match(res.type, /^application\/x-ndjson/)
  t.same(res.lines[0], { cond: 'begin' })
  t.same(res.end, { cond: 'succeeded' })
  t.ok(res.text.endsWith('\n'), 'every line, the last too, ends with a newline')
  t.same(res.objs[0], { count: 2, time_first: T0, time_last: T1, rrname: 'www.example.com.',
    rrtype: 'A', rdata: ['192.0.2.1'] })
  t.same(rows(res.objs), ['www.example.com. A 192.0.2.1', 'www.example.com. AAAA 2001:db8::1'])
  t.notOk('bailiwick' in res.objs[0], 'no bailiwick: the feed has none')
})

t.test('rrset record types: one, ANY; a type not stored and garbage are DNSDB errors',
  async (t) => {
  const { app } = await dnsdbApp(t)
  t.same(rows((await saf(app, `${L}/rrset/name/www.example.com/AAAA`)).objs),
    ['www.example.com. AAAA 2001:db8::1'])
  t.equal((await saf(app, `${L}/rrset/name/www.example.com/any`)).objs.length, 2)
  for (const path of ['rrset/name/www.example.com/PTR', 'rrset/name/www.example.com/FOO',
    'rdata/name/ns1.example.net/DS', 'summarize/rrset/name/www.example.com/ANY-DNSSEC']) {
    const url = path.startsWith('summarize') ? `/dnsdb/v2/${path}` : `${L}/${path}`
    const refused = await app.inject(url)
    t.equal(refused.statusCode, 400, url)
    t.match(refused.headers['content-type'], /^text\/plain/)
    t.match(refused.body, /^Error: rrtype "[A-Z-]+" is not a record type dnsledger stores: send A, NS, CNAME, SOA, MX, TXT, AAAA or ANY\n$/)
  }
  const bad = await app.inject(`${L}/rrset/name/www.example.com/A%20B`)
  t.equal(bad.statusCode, 400)
  t.match(bad.headers['content-type'], /^text\/plain/)
  t.match(bad.body, /^Error: rrtype "A B" is not a record type: send .*\n$/)
})

t.test('left-hand wildcards take the name and its subtree; right-hand its leading labels',
  async (t) => {
    const { app } = await dnsdbApp(t)
    const left = rows((await saf(app, `${L}/rrset/name/%2A.example.com/A`)).objs)
    t.same(left, ['a/b.example.com. A 192.0.2.9', 'mail.example.com. A 192.0.2.77',
      'www.example.com. A 192.0.2.1'])
    const apex = rows((await saf(app, `${L}/rrset/name/*.example.com/NS`)).objs)
    t.same(apex, ['example.com. NS ns1.example.net.'], 'the apex is included')
    const right = rows((await saf(app, `${L}/rrset/name/www.example.%2A/A`)).objs).sort()
    t.same(right, ['www.example.co.uk. A 203.0.113.9', 'www.example.com. A 192.0.2.1',
      'www.example.org. A 198.51.100.7'], 'not www.example. itself, nor www.xexample.com.')
    t.equal((await saf(app, `${L}/rrset/name/*/A`)).objs.length, 7, '* alone is every name')
    const both = await app.inject(`${L}/rrset/name/*.example.*`)
    t.equal(both.statusCode, 400)
    t.match(both.body, /both sides/)
  })

t.test('a wildcard DNSDB cannot answer is a 400 quoting the name as sent', async (t) => {
  const { app } = await dnsdbApp(t)
  const cases: Array<[string, RegExp]> = [
    ['rrset/name/*.*.example.com',
      /^Error: "\*\.\*\.example\.com" has more than one \*: .*send \*\.example\.com\n$/],
    ['rrset/name/*.*.*.com', /^Error: "\*\.\*\.\*\.com" has more than one \*: .*send \*\.com\n$/],
    ['rrset/name/example.*.*',
      /^Error: "example\.\*\.\*" has more than one \*: .*send example\.\*\n$/],
    ['rdata/name/*.*.example.net', /^Error: "\*\.\*\.example\.net" has more than one \*/],
    ['rrset/name/www.*.com/A', /^Error: "www\.\*\.com" has a \* inside it/],
    ['rrset/name/*.a..b', /^Error: "\*\.a\.\.b": name "a\.\.b" has an empty label/],
    ['rrset/name/a..b.*', /^Error: "a\.\.b\.\*": name "a\.\.b" has an empty label/]
  ]
  for (const [path, detail] of cases) {
    const res = await app.inject(`${L}/${path}`)
    t.equal(res.statusCode, 400, path)
    t.match(res.headers['content-type'], /^text\/plain/, path)
    t.match(res.body, detail, path)
  }
})

t.test('URL-encoded segments: a slash inside a name', async (t) => {
  const { app } = await dnsdbApp(t)
  t.same(rows((await saf(app, `${L}/rrset/name/a%2Fb.example.com`)).objs),
    ['a/b.example.com. A 192.0.2.9'])
})

t.test('a bailiwick keeps owners at or under it', async (t) => {
  const { app } = await dnsdbApp(t)
  t.equal((await saf(app, `${L}/rrset/name/www.example.com/ANY/example.com`)).objs.length, 2)
  t.equal((await saf(app, `${L}/rrset/name/www.example.com/A/com.`)).objs.length, 1)
  t.equal((await saf(app, `${L}/rrset/name/www.example.com/ANY/example.org`)).objs.length, 0)
  t.equal((await app.inject(`${L}/rrset/name/www.example.com/A/bad..name`)).statusCode, 400)
})

t.test('a wildcard bailiwick is a DNSDB error naming the zone path to send', async (t) => {
  const { app } = await dnsdbApp(t)
  const cases = [
    ['lookup/rrset/name/www.example.com/NS/*.com',
      '/dnsdb/v2/lookup/rrset/name/www.example.com/NS/com'],
    ['summarize/rrset/name/*.example.com/ANY/*.example.com',
      '/dnsdb/v2/summarize/rrset/name/*.example.com/ANY/example.com'],
    ['lookup/rrset/name/www.example.com/A/example.*',
      '/dnsdb/v2/lookup/rrset/name/www.example.com/A/example'],
    ['lookup/rrset/name/www.example.com/A/*',
      '/dnsdb/v2/lookup/rrset/name/www.example.com/A/example.com']
  ] as const
  for (const [sent, fix] of cases) {
    const refused = await app.inject(`/dnsdb/v2/${sent}`)
    t.equal(refused.statusCode, 400, sent)
    t.equal(refused.headers['content-type'], 'text/plain; charset=utf-8')
    t.equal(refused.body, `Error: bailiwick "${sent.split('/').at(-1)}" has a wildcard: a ` +
      'bailiwick is one zone name, which keeps owners at or under it: send the zone, e.g. ' +
      `${fix}\n`)
    t.equal((await app.inject(fix)).statusCode, 200, fix)
  }
})

t.test('rdata by name: NS, CNAME and MX targets, exact and wildcard', async (t) => {
  const { app } = await dnsdbApp(t)
  t.same(rows((await saf(app, `${L}/rdata/name/mx.example.net`)).objs).sort(),
    ['example.com. MX 10 mx.example.net.', 'example.org. MX mx.example.net.'])
  t.same(rows((await saf(app, `${L}/rdata/name/*.example.net/NS`)).objs),
    ['example.com. NS ns1.example.net.'])
  t.same(rows((await saf(app, `${L}/rdata/name/www.example.com/CNAME`)).objs),
    ['alias.example.com. CNAME www.example.com.'])
  t.equal((await saf(app, `${L}/rdata/name/www.example.*`)).objs.length, 1)
  t.equal((await saf(app, `${L}/rdata/name/mx.example.net/A`)).objs.length, 0,
    'A rdata is no name')
})

t.test('rdata by address: one, address,prefix, first-last, IPv6', async (t) => {
  const { app } = await dnsdbApp(t)
  const names = async (ip: string) => rows((await saf(app, `${L}/rdata/ip/${ip}`)).objs)
  t.same(await names('192.0.2.1'), ['www.example.com. A 192.0.2.1'])
  t.same((await names('192.0.2.0,24')).length, 3)
  t.same(await names('192.0.2.2-192.0.2.9'), ['a/b.example.com. A 192.0.2.9'])
  t.same(await names('2001%3Adb8%3A%3A,32'), ['www.example.com. AAAA 2001:db8::1'])
  const cases: Array<[string, RegExp]> = [['192.0.2.256', /256/], ['192.0.2.0,33', /prefix/],
    ['192.0.2.9-192.0.2.1', /lower address first/], ['192.0.2.1-2001:db8::1', /one family/],
    ['192.0.2.x-192.0.2.9', /start of range/]]
  for (const [ip, message] of cases) {
    const res = await app.inject(`${L}/rdata/ip/${ip}`)
    t.equal(res.statusCode, 400, ip)
    t.match(res.body, message, ip)
  }
})

t.test('limit, offset and the limited condition', async (t) => {
  const { app } = await dnsdbApp(t, [], 5)
  const cut = await saf(app, `${L}/rrset/name/*.example.com?limit=2`)
  t.equal(cut.objs.length, 2)
  t.same(cut.end, { cond: 'limited', msg: 'Result limit reached' })
  const all = await saf(app, `${L}/rrset/name/*.example.com?limit=0`)
  t.equal(all.objs.length, 5, 'limit=0 is the maximum')
  t.equal((await saf(app, `${L}/rrset/name/*.example.com?limit=900`)).objs.length, 5,
    'a limit over the maximum is clamped, as DNSDB does')
  const next = await saf(app, `${L}/rrset/name/*.example.com?limit=2&offset=2`)
  t.same(rows(next.objs), rows(all.objs).slice(2, 4))
  const far = await app.inject(`${L}/rrset/name/*.example.com?offset=1000001`)
  t.same([far.statusCode, far.body.startsWith('Error: offset 1000001')], [416, true])
  t.equal((await app.inject(`${S}/rrset/name/example.com?offset=1`)).statusCode, 416)
  t.equal((await app.inject(`${L}/rrset/name/example.com?max_count=1`)).statusCode, 400)
})

t.test('time fences: absolute and relative to now', async (t) => {
  const { app } = await dnsdbApp(t)
  const after = await saf(app, `${L}/rrset/name/*.example.com?time_last_after=${T0}`)
  t.same(rows(after.objs), ['mail.example.com. A 192.0.2.77', 'www.example.com. A 192.0.2.1'])
  const before = await saf(app, `${L}/rrset/name/*.example.com/A?time_first_before=${T1}`)
  t.same(rows(before.objs), ['a/b.example.com. A 192.0.2.9', 'www.example.com. A 192.0.2.1'])
  const strict = `time_first_after=${T0 - 1}&time_last_before=${T0 + 1}`
  t.same(rows((await saf(app, `${L}/rrset/name/www.example.com?${strict}`)).objs),
    ['www.example.com. AAAA 2001:db8::1'])
  t.equal((await saf(app, `${L}/rrset/name/*.example.com?time_last_after=-86400`)).objs.length,
    0, 'nothing was seen in the last day')
  const bad = await app.inject(`${L}/rrset/name/example.com?time_last_after=soon`)
  t.same([bad.statusCode, /time_last_after="soon"/.test(bad.body)], [400, true])
})

t.test('summarize: count, num_results, span; max_count stops after a record', async (t) => {
  const { app } = await dnsdbApp(t)
  const all = await saf(app, `${S}/rrset/name/*.example.com/A`)
  t.same(all.objs, [{ count: 4, num_results: 3, time_first: T0, time_last: T1 }])
  t.same(all.end, { cond: 'succeeded' })
  const capped = await saf(app, `${S}/rrset/name/*.example.com/A?max_count=2`)
  t.same(capped.objs, [{ count: 2, num_results: 2, time_first: T0, time_last: T1 }])
  t.same(capped.end, { cond: 'limited', msg: 'max_count reached' })
  const limited = await saf(app, `${S}/rdata/ip/192.0.2.0,24?limit=1`)
  t.same([limited.objs[0].num_results, limited.end.cond], [1, 'limited'])
  const none = await saf(app, `${S}/rrset/name/nothing.example`)
  t.same([none.objs.length, none.end], [0, { cond: 'succeeded' }])
  t.same((await saf(app, `${S}/rdata/name/mx.example.net`)).objs[0].num_results, 2)
})

t.test('humantime, aggr and the client tags dnsdbq sends', async (t) => {
  const { app } = await dnsdbApp(t)
  const url = `${L}/rrset/name/www.example.com/A?humantime=t&aggr=f&swclient=dnsdbq&version=2.6.4`
  const res = await saf(app, `${url}&id=dnsq:91e6245ad31387`)
  t.same([res.objs[0].time_first, res.objs[0].time_last],
    ['2016-07-05T06:26:40Z', '2016-07-06T10:13:20Z'])
  const unknown = await app.inject(`${L}/rrset/name/www.example.com?colour=blue`)
  t.same([unknown.statusCode, /colour/.test(unknown.body)], [400, true])
  t.equal((await app.inject(`${L}/rrset/name/www.example.com?aggr=maybe`)).statusCode, 400)
})

t.test('API keys: X-API-Key, 403 as one line of text; ping needs none', async (t) => {
  const { app } = await dnsdbApp(t, [KEY, 'another-key-0123456789'])
  const url = `${L}/rrset/name/www.example.com`
  for (const headers of [{}, { 'x-api-key': 'wrong-key-0123456789ab' }, { 'x-api-key': '' }]) {
    const res = await app.inject({ url, headers })
    t.equal(res.statusCode, 403, JSON.stringify(headers))
    t.match(res.headers['content-type'], /^text\/plain/)
    t.match(res.body, /^Error: missing or unknown API key[^\n]*\n$/)
  }
  t.equal((await saf(app, url, { 'x-api-key': KEY })).objs.length, 2)
  t.equal((await saf(app, url, { 'x-api-key': 'another-key-0123456789' })).status, 200)
  t.equal((await app.inject('/dnsdb/v2/rate_limit')).statusCode, 403)
  t.equal((await app.inject({ url: `${S}/rdata/ip/192.0.2.1`, headers: {} })).statusCode, 403)
  const ping = await app.inject('/dnsdb/v2/ping')
  t.same([ping.statusCode, ping.body], [200, '{"ping":"ok"}\n'])
})

t.test('rate_limit: one JSON line, as dnsdbq -I reads it', async (t) => {
  const { app } = await dnsdbApp(t, [KEY], 250)
  const res = await app.inject({ url: '/dnsdb/v2/rate_limit', headers: { 'x-api-key': KEY } })
  t.equal(res.statusCode, 200)
  t.ok(res.body.endsWith('}\n'))
  t.same(JSON.parse(res.body), { rate: { reset: 'n/a', limit: 'unlimited', remaining: 'n/a',
    results_max: 250, offset_max: 1000000 } })
})

t.test('unknown DNSDB paths are a plain 404; native errors stay problem documents',
  async (t) => {
    const { app } = await dnsdbApp(t)
    for (const url of ['/dnsdb/v2/lookup/rrset/raw/0366', '/dnsdb/v2/nothing', `${L}/rdata/ip`]) {
      const res = await app.inject(url)
      t.equal(res.statusCode, 404, url)
      t.match(res.body, /^Error: no DNSDB path/, url)
    }
    const native = await app.inject('/v1/ips/192.0.2.256')
    t.equal(native.headers['content-type'], 'application/problem+json; charset=utf-8')
  })

t.test('a failing store is a 500 that says nothing of SQL', async (t) => {
  const { app, store } = await dnsdbApp(t)
  store.close()
  const res = await app.inject(`${L}/rrset/name/www.example.com`)
  t.equal(res.statusCode, 500)
  t.equal(res.body, 'Error: the server failed to answer; it is logged\n')
})
