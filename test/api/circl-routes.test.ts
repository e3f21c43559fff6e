import t, { type Test } from 'tap'
import { buildApp } from '../../src/api/app.js'
import type { Store } from '../../src/store/store.js'
import { batchOf, obs, tempStore } from '../helpers/temp-store.js'

const T0 = 1467700000
const KEY = 'circl-test-key-0123456789'

function fill (store: Store): void {
  const many = Array.from({ length: 7 }, (_, i) => obs('big.example.', 'A', `192.0.2.${i + 1}`, T0))
  store.write(batchOf([
    ...many,
    obs('big.example.', 'AAAA', '2001:db8::1', T0 + 5),
    obs('big.example.', 'AAAA', '2001:db8::1', T0 + 9),
    obs('other.example.', 'A', '192.0.2.1', T0),
    obs('alias.example.', 'CNAME', 'big.example.', T0)
  ]))
}

async function circlApp (t: Test, apiKeys: string[] = []) {
  const store = tempStore(t)
  fill(store)
  const app = await buildApp({ store, logger: false, maxLimit: 1000, apiKeys })
  t.teardown(() => app.close())

  return { app, store }
}

function cof (body: string): any[] {
  return body.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line))
}

function basic (user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
}

t.test('a name answers the records it owns, in the Common Output Format', async (t) => {
  const { app } = await circlApp(t)
  const res = await app.inject('/pdns/query/Big.Example')
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^application\/x-ndjson/)
  t.notOk('x-dribble-cursor' in res.headers, 'one page: no cursor')
  const records = cof(res.body)
  t.equal(records.length, 8)
  t.same(records.find((r) => r.rrtype === 'AAAA'), { rrname: 'big.example.', rrtype: 'AAAA',
    rdata: '2001:db8::1', time_first: T0 + 5, time_last: T0 + 9, count: 2 })
  t.ok(records.every((r) => Number.isInteger(r.time_first) && Number.isInteger(r.count)))
})

t.test('an address answers the records pointing at it; a network too', async (t) => {
  const { app } = await circlApp(t)
  const one = cof((await app.inject('/pdns/query/192.0.2.1')).body)
  t.same(one.map((r) => r.rrname).sort(), ['big.example.', 'other.example.'])
  t.equal(cof((await app.inject('/pdns/query/192.0.2.0,29')).body).length, 8)
  t.equal(cof((await app.inject('/pdns/query/2001:db8:0:0::1')).body).length, 1)
})

t.test('dribble paging: x-dribble-cursor on every page but the last, no record twice',
  async (t) => {
    const { app } = await circlApp(t)
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const headers: Record<string, string> = { 'dribble-paginate-count': '3' }
      if (cursor !== undefined) headers['dribble-paginate-cursor'] = cursor
      const res = await app.inject({ url: '/pdns/query/big.example', headers })
      t.equal(res.statusCode, 200)
      seen.push(...cof(res.body).map((r) => `${r.rrtype} ${r.rdata}`))
      cursor = res.headers['x-dribble-cursor'] as string | undefined
      if (cursor !== undefined) t.match(cursor, /^[1-9]\d*$/, 'a whole number, as PyPDNS reads')
      pages++
    } while (cursor !== undefined && pages < 10)
    t.equal(pages, 3)
    t.equal(seen.length, 8)
    t.equal(new Set(seen).size, 8)
  })

t.test('a cursor belongs to its query', async (t) => {
  const { app } = await circlApp(t)
  const first = await app.inject({ url: '/pdns/query/big.example',
    headers: { 'dribble-paginate-count': '2' } })
  const cursor = String(first.headers['x-dribble-cursor'])
  const again = await app.inject({ url: '/pdns/query/big.example',
    headers: { 'dribble-paginate-count': '2', 'dribble-paginate-cursor': cursor } })
  t.equal(again.statusCode, 200, 'the same page may be asked for again')
  for (const [url, value] of [['/pdns/query/other.example', cursor], ['/pdns/query/big.example',
    '12345']]) {
    const res = await app.inject({ url: url as string,
      headers: { 'dribble-paginate-cursor': value as string } })
    t.equal(res.statusCode, 400, `${url} ${value}`)
    t.match(res.json(), { code: 'INVALID_CURSOR', detail: /start over/ })
  }
})

t.test('dribble-filter-rrtype keeps one type; a type not stored or not a type is a 400',
  async (t) => {
    const { app } = await circlApp(t)
    const ask = async (url: string, type: string) => app.inject({ url,
      headers: { 'dribble-filter-rrtype': type } })
    const query = async (url: string, type: string) => cof((await ask(url, type)).body)
    t.same((await query('/pdns/query/big.example', 'aaaa')).map((r) => r.rrtype), ['AAAA'])
    t.same(await query('/pdns/query/192.0.2.1', 'CNAME'), [])
    t.equal((await query('/pdns/query/192.0.2.1', 'A')).length, 2)
    for (const [url, type] of [['/pdns/query/big.example', 'PTR'],
      ['/pdns/query/big.example', 'no such!'], ['/pdns/query/192.0.2.1', 'DS']] as const) {
      const res = await ask(url, type)
      t.equal(res.statusCode, 400, type)
      t.match(res.headers['content-type'], /^application\/problem\+json/)
      const detail = new RegExp(
        `^dribble-filter-rrtype "${type}" is not a record type.*: send A, `, 'i')
      t.match(res.json(), { code: 'INVALID_RRTYPE', detail })
    }
  })

t.test('bad requests are native problem documents', async (t) => {
  const { app } = await circlApp(t)
  const cases: Array<[string, Record<string, string>, string]> = [
    ['/pdns/query/bad..name', {}, 'INVALID_NAME'],
    ['/pdns/query/192.0.2.0,33', {}, 'INVALID_CIDR'],
    ['/pdns/query/big.example', { 'dribble-paginate-count': '0' }, 'INVALID_REQUEST'],
    ['/pdns/query/big.example', { 'dribble-paginate-cursor': 'abc' }, 'INVALID_REQUEST']
  ]
  for (const [url, headers, code] of cases) {
    const res = await app.inject({ url, headers })
    t.equal(res.statusCode, 400, url)
    t.equal(res.json().code, code, url)
  }
})

t.test('with keys configured: Basic, bare or Bearer token, X-API-Key; else 401', async (t) => {
  const { app } = await circlApp(t, [KEY, 'alice:wonderland-secret'])
  const url = '/pdns/query/other.example'
  const good = [{ authorization: basic('anyone', KEY) },
    { authorization: basic('alice', 'wonderland-secret') }, { authorization: KEY },
    { authorization: `Bearer ${KEY}` }, { authorization: `token ${KEY}` }, { 'x-api-key': KEY }]
  for (const headers of good) {
    t.equal((await app.inject({ url, headers })).statusCode, 200, JSON.stringify(headers))
  }
  const bad = [{}, { authorization: basic('alice', 'nope-nope-nope-nope') },
    { authorization: basic(KEY, '') }, { authorization: 'Bearer' }, { 'x-api-key': 'x' }]
  for (const headers of bad) {
    const res = await app.inject({ url, headers })
    t.equal(res.statusCode, 401, JSON.stringify(headers))
    t.equal(res.headers['www-authenticate'], 'Basic realm="dnsledger", charset="UTF-8"')
    t.equal(res.json().code, 'UNAUTHORIZED')
  }
})

t.test('an address-shaped or wildcard subject is parsed as such or refused, never a silent miss',
  async (t) => {
    const { app } = await circlApp(t)
    for (const subject of ['256.1.1.1', '01.2.3.4', '1.2.3.4-1.2.3.9', '*.example.com', '*']) {
      const res = await app.inject(`/pdns/query/${subject}`)
      t.equal(res.statusCode, 400, subject)
    }
    const slash = await app.inject('/pdns/query/192.0.2.0%2F24')
    const comma = await app.inject('/pdns/query/192.0.2.0,24')
    t.equal(slash.statusCode, 200)
    t.equal(slash.body, comma.body, 'address/prefix is the same network as address,prefix')
  })
