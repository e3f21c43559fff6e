import t, { type Test } from 'tap'
import http from 'node:http'
import { Ajv } from 'ajv'
import type { FastifyInstance } from 'fastify'
import {
  bulkLookupResponseSchema, bulkLookupResultSchema
} from '../../schemas/bulk-lookup.js'
import { observationRecordSchema } from '../../schemas/observation-record.js'
import { problemSchema } from '../../schemas/problem.js'
import { SLICE_INDICATORS } from '../../src/api/bulk/bulk-answer.js'
import { openapiDocument } from '../../src/openapi-document.js'
import type { Store } from '../../src/store/store.js'
import { lookupFixture } from '../helpers/lookup-fixture.js'
import { obs } from '../helpers/temp-store.js'
import { testApp } from '../helpers/test-app.js'

interface Result {
  indicator: string
  kind: string
  canonical: string | null
  records: Array<{ rrname: string, rrtype: string, rdata: string }>
  truncated: boolean
  next_cursor: string | null
  next: string | null
  error?: { code: string, detail: string, status: number }
}

/** Beside example.com: more nameserver and CNAME answers, and the root. */
const fill = lookupFixture([
  obs('shop.example.com.', 'A', '192.0.2.5', 1467900000),
  obs('example.org.', 'NS', 'ns1.example.net.', 1467750000),
  obs('example.net.', 'NS', 'ns1.example.net.', 1467850000),
  obs('other.example.org.', 'CNAME', 'www.example.com.', 1467800000),
  obs('.', 'NS', 'a.root-servers.net.', 1467700000),
  obs('.', 'NS', 'b.root-servers.net.', 1467700000)
])

async function bulk (app: FastifyInstance, body: unknown) {
  return app.inject({ method: 'POST', url: '/v1/lookup', payload: body as object })
}

async function results (app: FastifyInstance, body: unknown): Promise<Result[]> {
  const res = await bulk(app, body)
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`)

  return res.json().results
}

/**
 * A GET over a real socket, the path sent as it is: inject() parses the URL and would fold the
 * root's `%2E` away before the app sees it.
 */
async function get (app: FastifyInstance, path: string) {
  if (!app.server.listening) await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as { port: number }
  const text = await new Promise<string>((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => { body += chunk })
      res.on('end', () => resolve(body))
    }).on('error', reject)
  })

  return JSON.parse(text)
}

/** The records of a GET request and of every page after it, following its cursor. */
async function pagesFrom (t: Test, app: FastifyInstance, url: string): Promise<unknown[]> {
  const records: unknown[] = []
  let next: string | null = url
  while (next !== null) {
    const page = await get(app, next)
    t.ok(Array.isArray(page.records), next)
    records.push(...page.records)
    next = page.next_cursor === null
      ? null
      : `${next.split('&cursor=')[0]}&cursor=${page.next_cursor}`
  }

  return records
}

/** Every record a GET endpoint has for a path. */
async function everything (t: Test, app: FastifyInstance, path: string): Promise<unknown[]> {
  return pagesFrom(t, app, `${path}${path.includes('?') ? '&' : '?'}limit=1000`)
}

/** A result's records, then every page its `next` request leads to. */
async function continued (t: Test, app: FastifyInstance, result: Result): Promise<unknown[]> {
  const rest = result.next === null ? [] : await pagesFrom(t, app, result.next)

  return [...result.records, ...rest]
}

t.test('one result per indicator in the order sent, tagged as sent and as understood',
  async (t) => {
    const app = await testApp(t, fill)
    const res = await bulk(app, {
      indicators: ['WWW.Example.COM', '*.Example.com.', '192.0.2.0,24', '2001:DB8:0::1',
        '192.0.2.1', { value: 'NS1.example.net', as: 'nameserver' }, '%2E', '.']
    })
    t.equal(res.statusCode, 200)
    t.match(res.headers['content-type'], /^application\/json/)
    const body = res.json()
    t.same(body.results.map((r: Result) => [r.indicator, r.kind, r.canonical]), [
      ['WWW.Example.COM', 'domain', 'www.example.com.'],
      ['*.Example.com.', 'domain', '*.example.com.'],
      ['192.0.2.0,24', 'ip', '192.0.2.0/24'],
      ['2001:DB8:0::1', 'ip', '2001:db8::1'],
      ['192.0.2.1', 'ip', '192.0.2.1'],
      ['NS1.example.net', 'nameserver', 'ns1.example.net.'],
      ['%2E', 'domain', null],
      ['.', 'domain', '.']
    ])
    t.equal(body.results[6].error.code, 'INVALID_NAME', 'a path escape is not a name in a body')
    t.same(body.query, { rrtypes: null })
    t.equal(body.limit, 100)
    t.equal(body.truncated, false)
    t.equal(res.headers['x-dnsledger-truncated'], 'false')
  })

t.test('each kind answers what its GET endpoint answers', async (t) => {
  const app = await testApp(t, fill)
  const cases: Array<[unknown, string]> = [
    ['www.example.com', '/v1/domains/www.example.com'],
    ['*.example.com', '/v1/domains/*.example.com'],
    ['.', '/v1/domains/%2E'],
    ['192.0.2.1', '/v1/ips/192.0.2.1'],
    ['192.0.2.0/24', '/v1/ips/192.0.2.0/24'],
    ['2001:db8::/32', '/v1/ips/2001:db8::/32'],
    [{ value: 'ns1.example.net', as: 'nameserver' }, '/v1/nameservers/ns1.example.net'],
    [{ value: 'mx.example.net', as: 'mx' }, '/v1/mx/mx.example.net'],
    [{ value: 'www.example.com', as: 'cname' }, '/v1/cnames/www.example.com'],
    [{ value: 'www.example.com', as: 'domain' }, '/v1/domains/www.example.com'],
    [{ value: '192.0.2.77' }, '/v1/ips/192.0.2.77'],
    [{ value: 'never.seen.example', as: 'mx' }, '/v1/mx/never.seen.example'],
    [{ value: '*.example.net', as: 'nameserver' }, '/v1/nameservers/*.example.net'],
    [{ value: '*.example.net', as: 'mx' }, '/v1/mx/*.example.net'],
    [{ value: '*.example.com', as: 'cname' }, '/v1/cnames/*.example.com']
  ]
  const answered = await results(app, { indicators: cases.map(([indicator]) => indicator) })
  for (const [i, [indicator, path]] of cases.entries()) {
    const single = await get(app, path)
    t.same(answered[i]?.records, single.records, `${JSON.stringify(indicator)} as ${path}`)
  }
  t.same(answered[6]?.records.map((r) => r.rrname).sort(),
    ['example.com.', 'example.net.', 'example.org.'])
  t.same(answered[7]?.records.map((r) => r.rdata).sort(),
    ['10 mx.example.net.', 'mx.example.net.'], 'MX with and without a preference')
  t.same(answered[11]?.records, [])
  t.equal(answered[12]?.records.length, 3, '*. under a nameserver\'s domain')
  t.equal(answered[13]?.records.length, 2, '*. under a mail host\'s domain')
  t.equal(answered[14]?.records.length, 2, '*. under a CNAME target\'s domain')
})

t.test('a name is a domain unless it is said to be a nameserver, mail host or target',
  async (t) => {
    const app = await testApp(t, fill)
    const [asName, asNameserver] = await results(app, {
      indicators: ['ns1.example.net', { value: 'ns1.example.net', as: 'nameserver' }]
    })
    t.same(asName?.records, [])
    t.equal(asNameserver?.records.length, 3)
  })

t.test('record types narrow domain indicators; the reverse kinds answer their own type',
  async (t) => {
    const app = await testApp(t, fill)
    for (const type of ['A,cname', ['A', 'CNAME'], ['a,CNAME']]) {
      const [wildcard, address, nameserver] = await results(app, {
        indicators: ['*.example.com', '192.0.2.1', { value: 'ns1.example.net', as: 'nameserver' }],
        type
      })
      t.same(wildcard?.records.map((r) => r.rrtype).sort(), ['A', 'A', 'A', 'CNAME'])
      t.same(address?.records.map((r) => r.rrtype), ['A'])
      t.same(nameserver?.records.map((r) => r.rrtype), ['NS', 'NS', 'NS'])
    }
  })

t.test('a bad indicator gets the problem its GET endpoint answers; the rest are answered',
  async (t) => {
    const app = await testApp(t, fill)
    const cases: Array<[unknown, string]> = [
      ['10.0.0.256', '/v1/ips/10.0.0.256'],
      ['bad..name', '/v1/domains/bad..name'],
      ['10.0.0.0/33', '/v1/ips/10.0.0.0/33'],
      [{ value: 'example.com', as: 'ip' }, '/v1/ips/example.com'],
      [{ value: 'a..b', as: 'mx' }, '/v1/mx/a..b'],
      ['', '/v1/domains/%20']
    ]
    const indicators = ['www.example.com', ...cases.map(([value]) => value), '192.0.2.1']
    const answered = await results(app, { indicators })
    t.equal(answered.length, indicators.length)
    t.equal(answered[0]?.records.length, 2)
    t.equal(answered.at(-1)?.records.length, 1)
    for (const [i, [indicator, path]] of cases.entries()) {
      const result = answered[i + 1]
      const single = await get(app, path)
      t.equal(single.status, 400, path)
      t.match(result, {
        canonical: null,
        records: [],
        truncated: false,
        next_cursor: null,
        next: null,
        error: { type: single.type, title: single.title, status: 400, code: single.code }
      }, JSON.stringify(indicator))
      if (path !== '/v1/domains/%20') t.equal(result?.error?.detail, single.detail, path)
    }
    t.equal(answered[6]?.error?.code, 'INVALID_NAME')
  })

t.test('at most API_BULK_MAX_INDICATORS indicators', async (t) => {
  const app = await testApp(t, fill)
  const addresses = (count: number) =>
    Array.from({ length: count }, (_, i) => `192.0.${Math.floor(i / 256)}.${i % 256}`)
  const atMax = await bulk(app, { indicators: addresses(1000) })
  t.equal(atMax.statusCode, 200, 'the default maximum is 1000')
  t.equal(atMax.json().results.length, 1000)
  t.match(atMax.json().results[513], {
    indicator: '192.0.2.1', records: [{ rrname: 'www.example.com.' }]
  })
  const over = await bulk(app, { indicators: addresses(1001) })
  t.equal(over.statusCode, 400)
  t.equal(over.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.match(over.json(), {
    code: 'INVALID_REQUEST',
    detail: /1001 indicators is over the maximum of 1000 .*split them into requests of at most 1000/
  })

  const small = await testApp(t, fill, { bulkMaxIndicators: 3 })
  t.equal((await bulk(small, { indicators: ['a.example', 'b.example', 'c.example'] })).statusCode,
    200)
  const four = await bulk(small, { indicators: ['a.example', 'b.example', 'c.example', 'd'] })
  t.equal(four.statusCode, 400)
  t.match(four.json().detail, /maximum of 3 per request/)
  const none = await bulk(small, { indicators: [] })
  t.equal(none.statusCode, 400, 'an empty list is refused, not answered empty')
  t.match(none.json().detail,
    /^indicators must be a list of at least 1 item.*: send "indicators": \["walmart.com"\]$/)
  for (const indicators of [null, 'walmart.com', 5, {}]) {
    const wrong = await bulk(small, { indicators })
    t.equal(wrong.statusCode, 400, JSON.stringify(indicators))
    t.match(wrong.json().detail, /: send "indicators": \["walmart.com"\]$/,
      `${JSON.stringify(indicators)} gets the example an empty list gets`)
  }
})

t.test('the per-indicator limit: default, maximum, over it', async (t) => {
  const app = await testApp(t, fill, { defaultLimit: 2, bulkMaxLimit: 3 })
  const [byDefault] = await results(app, { indicators: ['*.example.com'] })
  t.equal(byDefault?.records.length, 2, 'API_DEFAULT_LIMIT by default')
  const [atMax] = await results(app, { indicators: ['*.example.com'], limit: 3 })
  t.equal(atMax?.records.length, 3)
  const over = await bulk(app, { indicators: ['*.example.com'], limit: 4 })
  t.equal(over.statusCode, 400)
  t.match(over.json(), { code: 'INVALID_REQUEST', detail: /^"limit": 4 is over the maximum of 3: send a limit of at most 3/ })

  const capped = await testApp(t, fill, { defaultLimit: 50, bulkMaxLimit: 3 })
  const [byCap] = await results(capped, { indicators: ['*.example.com'] })
  t.equal(byCap?.records.length, 3, 'a default above the maximum is the maximum')
})

t.test('a cut result says so twice, and its next request returns exactly the rest',
  async (t) => {
    const app = await testApp(t, fill)
    const cases: Array<[unknown, string]> = [
      ['*.example.com', '/v1/domains/*.example.com'],
      ['.', '/v1/domains/%2E?type=NS'],
      ['192.0.2.0/24', '/v1/ips/192.0.2.0/24'],
      [{ value: 'ns1.example.net', as: 'nameserver' }, '/v1/nameservers/ns1.example.net'],
      [{ value: 'mx.example.net', as: 'mx' }, '/v1/mx/mx.example.net'],
      [{ value: 'www.example.com', as: 'cname' }, '/v1/cnames/www.example.com']
    ]
    for (const [indicator, path] of cases) {
      const type = path.includes('type=NS') ? 'NS' : undefined
      const res = await bulk(app, { indicators: [indicator, 'nothing.example'], limit: 1, type })
      t.equal(res.headers['x-dnsledger-truncated'], 'true', path)
      const body = res.json()
      t.equal(body.truncated, true)
      const [result, whole] = body.results as Result[]
      t.equal(whole?.truncated, false)
      if (result === undefined) continue
      t.equal(result.truncated, true, path)
      t.equal(result.records.length, 1)
      t.match(result.next, new RegExp(`cursor=${result.next_cursor}$`))
      t.same(await continued(t, app, result), await everything(t, app, path), path)

      const byCursor = await get(app, `${path}${path.includes('?') ? '&' : '?'}` +
        `limit=1000&cursor=${result.next_cursor}`)
      t.same([...result.records, ...byCursor.records], await everything(t, app, path),
        `${path}: next_cursor through the GET endpoint`)
    }
    const [root, wildcard] = await results(app, { indicators: ['.', '*.example.com'], limit: 1 })
    t.match(root?.next, /^\/v1\/domains\/%2E\?limit=1&cursor=[\w-]+$/)
    t.match(wildcard?.next, /^\/v1\/domains\/\*\.example\.com\.\?limit=1&cursor=[\w-]+$/)
  })

t.test('time fences: ISO, epoch numbers and relative, kept in the next request', async (t) => {
  const app = await testApp(t, fill)
  const [iso] = await results(app, {
    indicators: ['www.example.com'], time_last_after: '2016-07-06'
  })
  t.same(iso?.records.map((r) => r.rdata), ['192.0.2.1'])
  const [epoch] = await results(app, {
    indicators: ['192.0.2.0/24'], time_first_after: 1467700000, time_first_before: '1467950000'
  })
  t.same(epoch?.records.map((r) => r.rrname), ['shop.example.com.'])

  const now = Math.floor(Date.now() / 1000)
  const relative = await bulk(app, {
    indicators: [{ value: 'ns1.example.net', as: 'nameserver' }],
    time_last_before: -3600,
    limit: 1
  })
  const body = relative.json()
  t.ok(body.query.time_last_before >= now - 3600, 'relative to now')
  const [result] = body.results as Result[]
  t.match(result?.next, new RegExp(`time_last_before=${body.query.time_last_before}&limit=1&`))
  if (result !== undefined) {
    t.same(await continued(t, app, result),
      await everything(t, app, '/v1/nameservers/ns1.example.net'))
  }

  for (const [fences, detail] of [
    [{ time_last_after: 'yesterday' }, /ISO 8601/],
    [{ time_first_after: '2030-01-01', time_first_before: '2000-01-01' }, /not before/],
    [{ time_last_before: '2023-02-30' }, /2023-02-30/]
  ] as const) {
    const res = await bulk(app, { indicators: ['example.com'], ...fences })
    t.equal(res.statusCode, 400)
    t.match(res.json(), { code: 'INVALID_TIME', detail }, JSON.stringify(fences))
  }
})

t.test('the same indicator twice is looked up once and answered at each place', async (t) => {
  let store: Store | undefined
  const app = await testApp(t, (s) => { store = s; fill(s) })
  const lookups: string[] = []
  const { observations } = store as Store
  const byName = observations.byName.bind(observations)
  observations.byName = (name, options) => { lookups.push(name); return byName(name, options) }
  const answered = await results(app, {
    indicators: ['Example.com', '192.0.2.1', 'example.com.', { value: 'example.com', as: 'domain' },
      '*.example.com', { value: 'example.com', as: 'mx' }]
  })
  t.same(answered.map((r) => [r.indicator, r.kind, r.canonical]), [
    ['Example.com', 'domain', 'example.com.'],
    ['192.0.2.1', 'ip', '192.0.2.1'],
    ['example.com.', 'domain', 'example.com.'],
    ['example.com', 'domain', 'example.com.'],
    ['*.example.com', 'domain', '*.example.com.'],
    ['example.com', 'mx', 'example.com.']
  ])
  t.same(answered[2]?.records, answered[0]?.records)
  t.same(answered[3]?.records, answered[0]?.records)
  t.equal(answered[0]?.records.length, 3)
  t.same(lookups, ['example.com.', 'example.com.'], 'the name, then the wildcard')
})

t.test('a batch is looked up in slices, with a turn of the event loop between them',
  async (t) => {
    let store: Store | undefined
    const app = await testApp(t, (s) => { store = s; fill(s) })
    let turn = 0
    let ticking = true
    const tick = () => { turn += 1; if (ticking) setImmediate(tick) }
    const turns: number[] = []
    const { observations } = store as Store
    const byRdata = observations.byRdata.bind(observations)
    observations.byRdata = (...args) => { turns.push(turn); return byRdata(...args) }
    setImmediate(tick)
    const count = SLICE_INDICATORS * 3 + 1
    const indicators = Array.from({ length: count }, (_, i) => `198.51.100.${i}`)
    const answered = await results(app, { indicators })
    ticking = false
    t.equal(answered.length, count)
    const slices = new Map<number, number>()
    for (const at of turns) slices.set(at, (slices.get(at) ?? 0) + 1)
    t.ok(slices.size >= 4, `${slices.size} turns for ${count} lookups`)
    t.ok([...slices.values()].every((lookups) => lookups <= SLICE_INDICATORS))
  })

t.test('a batch stops when its client has gone', async (t) => {
  let store: Store | undefined
  const app = await testApp(t, (s) => { store = s; fill(s) })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as { port: number }
  const body = JSON.stringify({
    indicators: Array.from({ length: 1000 }, (_, i) => `198.51.${Math.floor(i / 256)}.${i % 256}`)
  })
  const client = http.request({
    host: '127.0.0.1', port, path: '/v1/lookup', method: 'POST',
    headers: { 'content-type': 'application/json' }
  })
  client.on('error', () => {})
  let lookups = 0
  const { observations } = store as Store
  const byRdata = observations.byRdata.bind(observations)
  observations.byRdata = (...args) => {
    if (++lookups === 1) client.destroy()
    return byRdata(...args)
  }
  client.end(body)
  while (lookups === 0) await new Promise((resolve) => setImmediate(resolve))
  // Far more turns than the 40 slices of the whole batch.
  for (let turn = 0; turn < 200; turn++) await new Promise((resolve) => setImmediate(resolve))
  t.ok(lookups < 1000, `${lookups} of 1000 looked up`)
})

t.test('a malformed request is a 400 problem for the whole of it', async (t) => {
  const app = await testApp(t, fill)
  const cases: Array<[string, RegExp]> = [
    ['[]', /^the body must be an object with indicators, .*; got \[\]: send \{"indicators":\["/],
    ['"example.com"', /^the body must be an object .*; got "example.com": send \{"indicators"/],
    ['null', /^the body is JSON null: send an object .* with Content-Type: application\/json$/],
    ['42', /^the body must be an object .*; got 42: send/],
    ['{}', /^the body has no indicators, which is required: send it, e.g. "indicators": \["/],
    ['{"indicators":"example.com"}',
      /^indicators must be a list of at least 1 item, each item a text or an object/],
    ['{"indicators":{"value":"example.com"}}',
      /^indicators must be a list of at least 1 item, .*; got \{"value"/],
    ['{"indicators":[42]}', /^indicators\[0\] must be a text or an object with value, as; got 42:/],
    ['{"indicators":[null]}', /^indicators\[0\] must be a text or an object .*; got null: send/],
    ['{"indicators":[["example.com"]]}', /^indicators\[0\] must be a text or an object .*; got \[/],
    ['{"indicators":[{"as":"ip"}]}', /^indicators\[0\] has no value, which is required: send/],
    ['{"indicators":[{"value":42}]}', /^indicators\[0\].value must be a text; got 42: send "value": "42"$/],
    ['{"indicators":[{"value":"x","as":"ptr"}]}',
      /^indicators\[0\].as must be one of domain, ip, nameserver, mx, cname; got "ptr": send /],
    ['{"indicators":[{"value":"x","as":"nameservr"}]}',
      /^indicators\[0\].as must be one of .*; got "nameservr": send "as": "nameserver"$/],
    ['{"indicators":["x"],"limit":"5"}', /^limit must be an integer of at least 1; got "5": send "limit": 5$/],
    ['{"indicators":["x"],"limit":true}', /^limit must be an integer of at least 1; got true: send/],
    ['{"indicators":["x"],"limit":0}', /^limit must be an integer of at least 1; got 0: send "limit": 1 or more$/],
    ['{"indicators":["x"],"limit":2.5}', /^limit must be an integer of at least 1; got 2.5: send/],
    ['{"indicators":["x"],"limit":4000}', /^"limit": 4000 is over the maximum of 100: send a limit of/],
    ['{"indicators":["x"],"type":5}', /^type must be a text or a list, each item a text; got 5: send/],
    ['{"indicators":["x"],"type":[5]}', /^type\[0\] must be a text; got 5: send "5"$/],
    ['{"indicators":["x"],"time_last_after":true}',
      /^time_last_after must be a text or an integer; got true: send "time_last_after": 1467700000$/],
    ['{"indicators":["x"],"time_last_after":1.5}', /^time_last_after must be a text or an integer; got 1.5/],
    ['{"indicators":["x"', /^the body is not valid JSON: send one JSON object/],
    [`{"indicators":["${'a'.repeat(2049)}"]}`,
      /^indicators\[0\] must be a text of at most 2048 characters; got "a+\.\.\. \(2049 characters\): send a shorter/]
  ]
  for (const [payload, detail] of cases) {
    const res = await app.inject({
      method: 'POST', url: '/v1/lookup', payload, headers: { 'content-type': 'application/json' }
    })
    t.equal(res.statusCode, 400, payload.slice(0, 60))
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
    t.match(res.json(), { status: 400, code: 'INVALID_REQUEST', detail }, payload.slice(0, 60))
  }
  const huge = await app.inject({ method: 'POST', url: '/v1/lookup',
    payload: '{"indicators":["x"],"time_last_after":100000000000000000000000}',
    headers: { 'content-type': 'application/json' } })
  t.match(huge.json(), { status: 400, code: 'INVALID_TIME',
    detail: /^time_last_after is a number too large to be a time: send epoch seconds/ })
  t.notMatch(huge.json().detail, /e\+23/, 'never quoted as the number it was read as')
  const rrtype = await bulk(app, { indicators: ['x'], type: ['A', 'PTRX'] })
  t.match(rrtype.json(), { status: 400, code: 'INVALID_RRTYPE', detail: /PTRX/ })
  const post = (type: string) => app.inject({
    method: 'POST', url: '/v1/lookup', payload: 'example.com', headers: { 'content-type': type }
  })
  for (const type of ['text/plain', 'text/plain; charset=utf-8', 'application/xml',
    'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
    const res = await post(type)
    t.equal(res.statusCode, 415, type)
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
    t.match(res.json(), { code: 'UNSUPPORTED_MEDIA_TYPE',
      detail: /^the body was sent with Content-Type ".*": send it as JSON, with Content-Type: application\/json$/ })
  }
  const untyped = await app.inject({ method: 'POST', url: '/v1/lookup', payload: 'example.com' })
  t.equal(untyped.statusCode, 415, 'no Content-Type at all')
  t.match(untyped.json().detail, /^the body was sent with no Content-Type: send it as JSON/)
  const empty = await app.inject({ method: 'POST', url: '/v1/lookup',
    headers: { 'content-type': 'application/json' } })
  t.match(empty.json(), { status: 400, detail: /^the body is empty: send one JSON object/ })
  const get = await app.inject('/v1/lookup')
  t.equal(get.statusCode, 405, 'no GET: it takes a body')
  t.equal(get.headers.allow, 'POST')
})

t.test('unknown fields are refused, at the top and in an indicator', async (t) => {
  const app = await testApp(t, fill)
  for (const body of [
    { indicators: ['example.com'], colour: 'blue' },
    { indicators: ['example.com'], cursor: 'abc' },
    { indicators: ['example.com'], types: 'A' },
    { indicators: [{ value: 'example.com', colour: 'blue' }] }
  ]) {
    const res = await bulk(app, body)
    t.equal(res.statusCode, 400, JSON.stringify(body))
    t.match(res.json(), {
      code: 'INVALID_REQUEST',
      detail: /^unknown field "(colour|cursor|types)"( in indicators\[0\])?: (remove it; use only|use type if that is what you meant, or remove it)/
    })
  }
})

t.test('a body over the limit is a 413 problem', async (t) => {
  const app = await testApp(t, fill)
  const name = `${'a'.repeat(60)}.example`
  const res = await bulk(app, { indicators: Array.from({ length: 20_000 }, () => name) })
  t.equal(res.statusCode, 413)
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.match(res.json(), { status: 413, code: 'PAYLOAD_TOO_LARGE',
    detail: /^the request body is over 1,048,576 bytes \(1 MiB\), .*: send fewer items/ })
})

t.test('answers match the documented response schema', async (t) => {
  const app = await testApp(t, fill)
  const ajv = new Ajv({ strict: false, validateFormats: false })
  for (const schema of [problemSchema, observationRecordSchema, bulkLookupResultSchema]) {
    ajv.addSchema(schema)
  }
  const validate = ajv.compile(bulkLookupResponseSchema)
  const res = await bulk(app, {
    indicators: ['*.example.com', '10.0.0.256', { value: 'mx.example.net', as: 'mx' }],
    limit: 1,
    time_first_after: '-999999999'
  })
  t.ok(validate(res.json()), JSON.stringify(validate.errors))
  t.ok(validate(bulkLookupResponseSchema.examples[0]), 'and so does its example')

  const document = await openapiDocument() as {
    paths: Record<string, { post?: { requestBody?: unknown } }>
  }
  t.ok(document.paths['/v1/lookup']?.post?.requestBody, 'documented with its body')
})
