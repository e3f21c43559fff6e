import t from 'tap'
import net from 'node:net'
import { parseCsv } from '../helpers/csv-parse.js'
import { httpGet, listening } from '../helpers/http-get.js'
import { batchOf, obs } from '../helpers/temp-store.js'
import { testApp } from '../helpers/test-app.js'
import type { Store } from '../../src/store/store.js'

const MANY = 2_500

function fill (store: Store): void {
  store.write(batchOf([
    obs('www.example.com.', 'A', '192.0.2.1', 1467700000),
    obs('www.example.com.', 'A', '192.0.2.1', 1467800000),
    obs('www.example.com.', 'TXT', '"v=spf1 ip4:192.0.2.0/24, -all"', 1467700000),
    ...Array.from({ length: MANY }, (_, i) =>
      obs(`h${String(i).padStart(5, '0')}.many.example.`, 'A', `10.0.${i >> 8}.${i & 255}`,
        1467700000 + i))
  ], {
    newDomains: [
      { domain: 'fresh.example.', nameserver: 'ns1.example.net.', firstSeen: 1467700000 }
    ]
  }))
}

function ndjsonLines (body: string): Array<Record<string, unknown>> {
  if (!body.endsWith('\n')) throw new Error('NDJSON must end with a newline')
  return body.split('\n').slice(0, -1).map((line) => JSON.parse(line) as Record<string, unknown>)
}

t.test('humantime: JSON keeps both forms; NDJSON and CSV write ISO text in place of epochs',
  async (t) => {
    const app = await testApp(t, fill)
    const url = '/v1/domains/www.example.com?type=A'
    for (const human of ['', '&humantime=true']) {
      const json = (await app.inject(`${url}${human}`)).json()
      t.match(json.records[0], {
        first_seen: 1467700000,
        last_seen: 1467800000,
        first_seen_iso: '2016-07-05T06:26:40Z',
        last_seen_iso: '2016-07-06T10:13:20Z'
      }, `JSON ${human}`)
    }
    t.same(ndjsonLines((await app.inject(`${url}&format=ndjson`)).body), [{
      rrname: 'www.example.com.', rrtype: 'A', rdata: '192.0.2.1',
      first_seen: 1467700000, last_seen: 1467800000,
      first_seen_iso: '2016-07-05T06:26:40Z', last_seen_iso: '2016-07-06T10:13:20Z', count: 2
    }], 'NDJSON lines are the JSON records')
    t.same(ndjsonLines((await app.inject(`${url}&format=ndjson&humantime=true`)).body), [{
      rrname: 'www.example.com.', rrtype: 'A', rdata: '192.0.2.1',
      first_seen: '2016-07-05T06:26:40Z', last_seen: '2016-07-06T10:13:20Z', count: 2
    }])
    t.same(parseCsv((await app.inject(`${url}&format=csv&humantime=true`)).body), [
      ['rrname', 'rrtype', 'rdata', 'first_seen', 'last_seen', 'count'],
      ['www.example.com.', 'A', '192.0.2.1', '2016-07-05T06:26:40Z', '2016-07-06T10:13:20Z', '2']
    ])
    const domains = parseCsv((await app.inject('/v1/new-domains?since=2016-07-01&until=' +
      '2016-07-10&format=csv&humantime=true')).body)
    t.same(domains, [['domain', 'first_seen', 'nameserver', 'count'],
      ['fresh.example.', '2016-07-05T06:26:40Z', 'ns1.example.net.', '1']])
  })

t.test('a streamed list holds everything by default; a cut one says so in body and trailers',
  async (t) => {
    const app = await testApp(t, fill, { streamMaxLimit: 2_000 })
    const url = '/v1/domains/*.many.example'
    const whole = ndjsonLines((await app.inject(`${url}?format=ndjson&limit=2000`)).body)
    t.equal(whole.length, 2_001, 'limit records and a last line')
    t.same(whole.at(-1), { truncated: true, next_cursor: whole.at(-1)?.next_cursor, limit: 2_000 })
    const byDefault = await app.inject(`${url}?format=ndjson`)
    t.equal(ndjsonLines(byDefault.body).length, 2_001, 'the default is the stream maximum')
    const cursor = String(whole.at(-1)?.next_cursor)
    t.same(byDefault.trailers,
      { 'x-dnsledger-truncated': 'true', 'x-dnsledger-next-cursor': cursor })
    const rest = await app.inject(`${url}?format=ndjson&cursor=${cursor}`)
    const restLines = ndjsonLines(rest.body)
    t.equal(restLines.length, MANY - 2_000, 'the cursor continues where the stream stopped')
    t.equal(restLines[0]?.rrname, 'h02000.many.example.')
    t.same(rest.trailers, { 'x-dnsledger-truncated': 'false' })

    const csv = await app.inject(`${url}?format=csv&limit=1500`)
    const rows = parseCsv(csv.body)
    t.equal(rows.length, 1 + 1_500 + 1, 'header, records, a last row')
    t.match(rows.at(-1), [/^# truncated at limit=1500: more records follow; send cursor=[\w-]+/,
      '', '', '', '', '', '', ''])
    t.equal(csv.trailers['x-dnsledger-truncated'], 'true')
    t.ok(rows.at(-1)?.[0]?.includes(String(csv.trailers['x-dnsledger-next-cursor'])))

    const json = await app.inject(`${url}?limit=1000`)
    t.equal(json.headers['x-dnsledger-truncated'], 'true')
    t.match(json.headers.link, /rel="next"/)
    t.match(json.json(), { truncated: true, next_cursor: /./, limit: 1000 })
  })

t.test('limits: JSON keeps its maximum, streams take theirs; a bad start is a problem document',
  async (t) => {
    const app = await testApp(t, fill, { streamMaxLimit: 2_000 })
    const cases: Array<[string, string, RegExp]> = [
      ['/v1/domains/*.many.example?limit=1500', 'INVALID_REQUEST', /maximum of 1000/],
      ['/v1/domains/*.many.example?format=csv&limit=2001', 'INVALID_REQUEST', /maximum of 2000/],
      ['/v1/domains/*.many.example?format=ndjson&cursor=garbage', 'INVALID_CURSOR', /next_cursor/],
      ['/v1/domains/bad..name?format=csv', 'INVALID_NAME', /label/]
    ]
    for (const [url, code, detail] of cases) {
      const res = await app.inject(url)
      t.equal(res.statusCode, 400, url)
      t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', url)
      t.match(res.json(), { code, detail }, url)
    }
  })

t.test('trailers reach a real HTTP client', async (t) => {
  const app = await testApp(t, fill, { streamMaxLimit: 2_000 })
  const port = await listening(app)
  const cut = await httpGet(port, '/v1/domains/*.many.example?limit=10', {
    accept: 'application/x-ndjson'
  })
  t.equal(cut.headers.trailer, 'X-Dnsledger-Truncated, X-Dnsledger-Next-Cursor')
  t.equal(cut.headers['transfer-encoding'], 'chunked')
  t.equal(cut.trailers['x-dnsledger-truncated'], 'true')
  t.match(cut.trailers['x-dnsledger-next-cursor'], /^[\w-]+$/)
  t.ok(cut.complete)
  const whole = await httpGet(port, '/v1/domains/www.example.com?format=csv')
  t.same(whole.trailers, { 'x-dnsledger-truncated': 'false' })
  t.equal(parseCsv(whole.body).length, 3)
})

t.test('an HTTP/1.0 client, which cannot take trailers, still finds the cut in the body',
  async (t) => {
    const app = await testApp(t, fill)
    const port = await listening(app)
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write(
        'GET /v1/domains/*.many.example?format=ndjson&limit=3 HTTP/1.0\r\n\r\n'))
      let text = ''
      socket.on('data', (data) => { text += data.toString('utf8') })
      socket.on('end', () => resolve(text))
      socket.on('error', reject)
    })
    const [head = '', body = ''] = raw.split('\r\n\r\n')
    t.match(head, /^HTTP\/1\.1 200 OK/)
    t.notMatch(head, /trailer:/i)
    t.notMatch(head, /transfer-encoding/i)
    t.match(body.trimEnd().split('\n').at(-1),
      /^\{"truncated":true,"next_cursor":"[\w-]+","limit":3\}$/)
  })

t.test('HEAD answers the headers of a stream without reading the list', async (t) => {
  let reads = 0
  const app = await testApp(t, (store) => {
    fill(store)
    const byName = store.observations.byName.bind(store.observations)
    store.observations.byName = (name, options) => { reads += 1; return byName(name, options) }
  })
  const res = await app.inject({ method: 'HEAD', url: '/v1/domains/*.many.example?format=csv' })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-type'], 'text/csv; charset=utf-8')
  t.equal(res.body, '')
  t.equal(reads, 1, 'only the first page, which checks the request')
})

t.test('a failure after the first byte ends the stream visibly and aborts the connection',
  async (t) => {
    let reads = 0
    const app = await testApp(t, (store) => {
      fill(store)
      const byName = store.observations.byName.bind(store.observations)
      store.observations.byName = (name, options) => {
        reads += 1
        if (reads === 2) throw new Error('disk I/O error')
        return byName(name, options)
      }
    })
    const port = await listening(app)
    const ndjson = await httpGet(port, '/v1/domains/*.many.example?format=ndjson')
    t.equal(ndjson.statusCode, 200)
    t.notOk(ndjson.complete, 'the client sees a broken transfer, not a clean end')
    t.same(ndjson.trailers, {})
    const lines = ndjsonLines(ndjson.body)
    t.equal(lines.length, 1_001, 'the first page, then the error line')
    t.match(lines.at(-1), { error: { status: 500, code: 'INTERNAL', detail: /failed/ } })
    t.notMatch(ndjson.body, /disk I\/O/, 'the cause is logged, not sent')

    reads = 0
    const csv = await httpGet(port, '/v1/domains/*.many.example?format=csv')
    t.notOk(csv.complete)
    const rows = parseCsv(csv.body)
    t.match(rows.at(-1)?.[0], /^# error INTERNAL: .*the list is incomplete$/)
  })
