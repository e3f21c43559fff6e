import t, { type Test } from 'tap'
import { buildApp } from '../../src/api/app.js'
import { formatTxtRdata } from '../../src/feeds/txt-rdata.js'
import { batchOf, obs, tempStore } from '../helpers/temp-store.js'

const TEXTS: Array<[string, string[]]> = [
  ['google.example.', ['google-site-verification=AbC123xYz']],
  ['spf.example.', ['v=spf1 include:_SPF.Google.com ~all']],
  ['macro.example.', ['v=spf1 include:%{ir}.%{v}.%{d}.spf.has.pphosted.com -all']],
  ['quotes.example.', ['say "hello" twice', 'and a_b_c']],
  ['backslash.example.', ['C:\\path\\to']],
  ['unicode.example.', ['ünïcødé ✓ 😀 token']],
  ['www.walmart.example.', ['v=DMARC1; p=reject']],
  ['walmart.example.', ['v=DMARC1; p=none']],
  ['other.example.', ['v=DMARC1; p=quarantine']]
]

async function txtApp (t: Test, txtScanLimit?: number) {
  const store = tempStore(t)
  store.write(batchOf(TEXTS.map(([name, strings], i) =>
    obs(name, 'TXT', formatTxtRdata(strings), 1_467_700_000 + i))))
  store.write(batchOf([obs('a.example.', 'A', '192.0.2.1', 1_467_700_000)]))
  const app = await buildApp({ store, logger: false, maxLimit: 1000, txtScanLimit })
  t.teardown(() => app.close())

  return app
}

function names (body: { records: Array<{ rrname: string }> }): string[] {
  return body.records.map((r) => r.rrname)
}

t.test('GET /v1/txt?contains= finds a text as published, whatever URL escaping it needs',
  async (t) => {
    const app = await txtApp(t)
    const cases: Array<[string, string[]]> = [
      ['contains=verification%3DAbC123', ['google.example.']],
      ['contains=%25%7Bir%7D', ['macro.example.']],
      ['contains=%22hello%22', ['quotes.example.']],
      ['contains=a_b_c', ['quotes.example.']],
      ['contains=a%25b_', []],
      ['contains=C%3A%5Cpath%5C', ['backslash.example.']],
      ['contains=%C3%B8d%C3%A9%20%E2%9C%93%20%F0%9F%98%80', ['unicode.example.']],
      ['contains=include:_spf.google.com', []],
      ['contains=include:_spf.google.com&ignore_case=true', ['spf.example.']],
      ['contains=verification%3Dabc123&ignore_case=true', ['google.example.']]
    ]
    for (const [query, expected] of cases) {
      const res = await app.inject(`/v1/txt?${query}`)
      t.equal(res.statusCode, 200, query)
      t.same(names(res.json()), expected, query)
    }
    const res = await app.inject('/v1/txt?contains=%25%7Bir%7D')
    t.match(res.json(), {
      query: { contains: '%{ir}', ignore_case: false, name: null, scan_limit: 50_000 },
      records: [{ rrname: 'macro.example.', rrtype: 'TXT', count: 1,
        rdata: '"v=spf1 include:%{ir}.%{v}.%{d}.spf.has.pphosted.com -all"',
        first_seen_iso: '2016-07-05T06:26:42Z' }],
      truncated: false,
      next_cursor: null,
      scan_limited: false
    })
    t.equal(res.headers['x-dnsledger-scan-limited'], 'false')
  })

t.test('prefix, exact and an owner name or subtree', async (t) => {
  const app = await txtApp(t)
  const found = async (query: string) => names((await app.inject(`/v1/txt?${query}`)).json())

  t.same(await found('prefix=v%3DDMARC1'),
    ['walmart.example.', 'other.example.', 'www.walmart.example.'], 'in rdata order')
  t.same(await found('prefix=say%20%22hello'), ['quotes.example.'])
  t.same(await found('prefix=hello'), [])
  t.same(await found('exact=v%3DDMARC1%3B%20p%3Dnone'), ['walmart.example.'])
  t.same(await found('exact=%22say%20%5C%22hello%5C%22%20twice%22%20%22and%20a_b_c%22'),
    ['quotes.example.'], 'the rdata as the API shows it')
  t.same(await found('exact=v%3DDMARC1'), [])
  t.same((await found('contains=DMARC1&name=*.walmart.example')).sort(),
    ['walmart.example.', 'www.walmart.example.'])
  t.same(await found('contains=DMARC1&name=WALMART.example.'), ['walmart.example.'])
  t.same(await found('contains=DMARC1&time_first_after=1467700007'), ['other.example.'])
})

t.test('a search that reaches the scan bound says so and its cursor continues it', async (t) => {
  const app = await txtApp(t, 2)
  const seen: string[] = []
  let url = '/v1/txt?contains=v%3Dspf1&limit=1'
  let pages = 0
  let limited = 0
  for (;;) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 200)
    const body = res.json()
    pages++
    seen.push(...names(body))
    t.equal(res.headers['x-dnsledger-scan-limited'], String(body.scan_limited))
    if (body.scan_limited === true) {
      limited++
      t.equal(body.truncated, true, 'a scan-limited page is truncated')
      t.match(res.headers.link, /rel="next"/)
    }
    if (body.next_cursor === null) break
    url = `/v1/txt?contains=v%3Dspf1&limit=1&cursor=${body.next_cursor}`
  }
  t.same(seen.sort(), ['macro.example.', 'spf.example.'])
  t.ok(limited > 0, 'some pages stopped at the bound')
  t.ok(pages >= TEXTS.length / 2, 'two entries per page at most')
})

t.test('bad searches get a 400 that says what to send', async (t) => {
  const app = await txtApp(t)
  const cases: Array<[string, string, RegExp]> = [
    ['/v1/txt?contains=abc', 'INVALID_REQUEST',
      /^contains must be a text from 4 to 2048 characters; got contains=abc \(3 characters\): send a longer text, e\.g\. contains=/],
    ['/v1/txt?contains=%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80', 'INVALID_REQUEST',
      /got contains=😀😀😀 \(3 characters\): send a longer text/],
    ['/v1/txt?prefix=', 'INVALID_REQUEST', /^query parameter prefix= is empty: send a value/],
    ['/v1/txt', 'INVALID_REQUEST', /exactly one of contains=.*got none/],
    ['/v1/txt?contains=abcd&exact=abcd', 'INVALID_REQUEST', /got contains= and exact=/],
    ['/v1/txt?prefix=v%3Dspf1&ignore_case=true', 'INVALID_REQUEST', /contains= only/],
    ['/v1/txt?contains=abcd&ignore_case=maybe', 'INVALID_REQUEST', /^ignore_case must be true or false; got ignore_case=maybe: send ignore_case=true or/],
    ['/v1/txt?contains=abcd&colour=blue', 'INVALID_REQUEST', /unknown parameter "colour"/],
    ['/v1/txt?contains=abcd&type=TXT', 'INVALID_REQUEST', /unknown parameter "type"/],
    ['/v1/txt?contains=abcd&name=bad..name', 'INVALID_NAME', /^name: .*label.*: send a domain name/],
    ['/v1/txt?contains=abcd&cursor=garbage', 'INVALID_CURSOR', /next_cursor/],
    ['/v1/txt?contains=abcd&time_last_after=yesterday', 'INVALID_TIME', /ISO 8601/],
    ['/v1/txt?contains=abcd&limit=5000', 'INVALID_REQUEST', /maximum/]
  ]
  for (const [url, code, detail] of cases) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 400, url)
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', url)
    t.match(res.json(), { status: 400, code, detail }, url)
  }
})

t.test('a quoted text that is cut or badly formed is a 400, not an empty list', async (t) => {
  const app = await txtApp(t)
  const cases: Array<[string, RegExp]> = [
    ['exact=%22v%3Dspf1%20include%3A_spf.example.com',
      /opens a quote it does not close: close it/],
    ['exact=%22v%3DDMARC1%22%22p%3Dnone%22', /is not quoted strings separated by one space/],
    ['exact=%22say%20%5C%22hello%5C%22', /opens a quote it does not close/],
    ['prefix=%22v%3DDMARC1', /^prefix=".* starts with a quote: .*send prefix=v=DMARC1,/],
    ['prefix=%22v%3DDMARC1%22', /^prefix=".* starts with a quote: .*send prefix=v=DMARC1,/]
  ]
  for (const [query, detail] of cases) {
    const res = await app.inject(`/v1/txt?${query}`)
    t.equal(res.statusCode, 400, query)
    t.match(res.json(), { code: 'INVALID_REQUEST', detail }, query)
  }
  const closed = await app.inject('/v1/txt?exact=%22v%3DDMARC1%3B%20p%3Dnone%22')
  t.same(names(closed.json()), ['walmart.example.'], 'a closed quote is the record')
})
