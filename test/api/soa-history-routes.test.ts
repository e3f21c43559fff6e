import t from 'tap'
import http from 'node:http'
import { batchOf, obs } from '../helpers/temp-store.js'
import { assertEveryPageSize } from '../helpers/page-walk.js'
import { testApp } from '../helpers/test-app.js'
import type { Store } from '../../src/store/store.js'
import { soaRecordSchema } from '../../schemas/soa-record.js'

const soa = (serial: number) =>
  `a.root-servers.net. nstld.verisign-grs.com. ${serial} 1800 900 604800 86400`

function fill (store: Store): void {
  store.write(batchOf([
    obs('.', 'SOA', soa(2023110401), 1699122600),
    obs('.', 'SOA', soa(2023110400), 1699077000),
    obs('.', 'SOA', soa(2023110400), 1699080000),
    obs('gov.', 'SOA', 'a.usadotgov.net. nstld.verisign-grs.com. 1467609001 3600 900 1814400 86400',
      1468282466),
    obs('gov.', 'SOA', 'a.usadotgov.net. nstld.verisign-grs.com. 1467609002 3600 900 1814400 86400',
      1468290000),
    obs('gov.', 'NS', 'a.usadotgov.net.', 1468282466)
  ]))
}

t.test('GET /v1/zones/{zone}/soa: the SOA history with its fields, in any spelling of the zone',
  async (t) => {
    const app = await testApp(t, fill)
    for (const spelling of ['gov', 'GOV.', 'Gov', 'gov.']) {
      const res = await app.inject(`/v1/zones/${spelling}/soa`)
      t.equal(res.statusCode, 200, spelling)
      const body = res.json()
      t.same(body.query, { zone: 'gov.', order: 'asc' }, spelling)
      t.same(body.records.map((r: { serial: number }) => r.serial), [1467609001, 1467609002])
      t.same(body.records[0], soaRecordSchema.examples[0], 'the schema\'s example')
    }
    const desc = (await app.inject('/v1/zones/gov/soa?order=desc')).json()
    t.same(desc.records.map((r: { serial: number }) => r.serial), [1467609002, 1467609001])
    const fenced = (await app.inject('/v1/zones/gov/soa?time_first_after=1468282466')).json()
    t.same(fenced.records.map((r: { serial: number }) => r.serial), [1467609002])
    t.same((await app.inject('/v1/zones/never.example/soa')).json().records, [])
  })

t.test('the root zone, paged over a real socket (%2E and . stay in the path)', async (t) => {
  const app = await testApp(t, fill)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as { port: number }
  const get = (path: string) => new Promise<{ headers: http.IncomingHttpHeaders, body: any }>(
    (resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path }, (res) => {
        let text = ''
        res.on('data', (chunk) => { text += chunk })
        res.on('end', () => resolve({ headers: res.headers, body: JSON.parse(text) }))
      }).on('error', reject)
    })

  const first = await get('/v1/zones/%2E/soa?limit=1')
  t.same(first.body.query, { zone: '.', order: 'asc' })
  t.match(first.body.records, [{ zone: '.', serial: 2023110400, count: 2,
    first_seen: 1699077000, last_seen: 1699080000 }])
  t.match(first.headers.link, /^<\/v1\/zones\/%2E\/soa\?limit=1&cursor=[\w-]+>; rel="next"$/)
  const link = first.headers.link
  const next = typeof link === 'string' ? link.slice(1, link.indexOf('>')) : ''
  const second = await get(next)
  t.match(second.body.records, [{ serial: 2023110401 }])
  t.equal(second.body.next_cursor, null)
  // As `curl --path-as-is` sends it (README "Known limitations").
  const literal = await get('/v1/zones/./soa?limit=1')
  t.same(literal.body.query, { zone: '.', order: 'asc' })
})

t.test('bad requests get a 400 that says what to send', async (t) => {
  const app = await testApp(t, fill)
  const cases: Array<[string, string, RegExp]> = [
    ['/v1/zones/*.gov/soa', 'INVALID_NAME', /one zone name/],
    ['/v1/zones/bad..name/soa', 'INVALID_NAME', /label/],
    ['/v1/zones/gov/soa?order=sideways', 'INVALID_REQUEST', /^order must be one of asc, desc; got order=sideways: send order=asc or order=desc$/],
    ['/v1/zones/gov/soa?type=SOA', 'INVALID_REQUEST', /unknown parameter "type"/],
    ['/v1/zones/gov/soa?colour=blue', 'INVALID_REQUEST', /unknown parameter "colour"/],
    ['/v1/zones/gov/soa?cursor=garbage', 'INVALID_CURSOR', /next_cursor/],
    ['/v1/zones/gov/soa?time_first_before=2023-02-30', 'INVALID_TIME', /2023-02-30/]
  ]
  for (const [url, code, detail] of cases) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 400, url)
    t.match(res.json(), { status: 400, code, detail }, url)
  }
})

t.test('SOAs first seen in the same second: rdata order, reversed with order=desc, exact pages',
  async (t) => {
    const tie = 1_700_000_000
    const zone = (mname: string, serial: number) =>
      `${mname}.tie.example. hostmaster.tie.example. ${serial} 3600 900 604800 300`
    const app = await testApp(t, (store) => store.write(batchOf([
      obs('tie.example.', 'SOA', zone('b', 3), tie),
      obs('tie.example.', 'SOA', zone('a', 2), tie),
      obs('tie.example.', 'SOA', zone('c', 1), tie),
      obs('tie.example.', 'SOA', zone('z', 0), tie - 100),
      obs('tie.example.', 'SOA', zone('y', 9), tie + 100)
    ])))
    for (const [order, serials] of [['asc', [0, 2, 3, 1, 9]], ['desc', [9, 1, 3, 2, 0]]] as const) {
      const url = `/v1/zones/tie.example/soa?order=${order}`
      const whole = (await app.inject(url)).json().records
      t.same(whole.map((r: { serial: number }) => r.serial), serials, order)
      await assertEveryPageSize(t, app, url, whole)
    }
  })
