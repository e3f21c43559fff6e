import t from 'tap'
import { fixtureApp } from '../helpers/fixture-app.js'
import { assertEveryPageSize, walkPages, type Served } from '../helpers/page-walk.js'

const ALL_TIME = 'since=0&until=2030-01-01'

const { app, expected } = await fixtureApp(t, ['spamhaus_new_domains'])

interface Expected {
  domain: string
  first_seen: number
  nameserver: string
}

/** At or under a zone, by the text of the names alone. */
function under (name: string, zone: string): boolean {
  return zone === '.' || name === zone || name.endsWith(`.${zone}`)
}

function byDomain (records: Expected[]): Expected[] {
  return [...records].sort((a, b) => a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0)
}

function shown (records: Served[]): Expected[] {
  return records.map((r) => ({
    domain: r.domain as string,
    first_seen: r.first_seen as number,
    nameserver: r.nameserver as string
  }))
}

/** Time order; grouped by nameserver, each group in time order, when grouped. */
function inOrder (records: Expected[], grouped: boolean): boolean {
  const seen = new Set<string>()
  return records.every((record, i) => {
    const before = records[i - 1]
    if (before === undefined) return seen.add(record.nameserver)
    if (!grouped || before.nameserver === record.nameserver) {
      return before.first_seen <= record.first_seen
    }
    if (seen.has(record.nameserver)) return false

    return seen.add(record.nameserver)
  })
}

t.test('nameserver= and suffix= answer what the feed files say, alone, combined and in a window',
  async (t) => {
    const all = [...expected.newDomains].map(([domain, seen]) => ({ domain, ...seen }))
    const window = [Date.parse('2016-07-10T00:00:00Z') / 1000, Date.parse('2016-07-20') / 1000]
    const inWindow = (r: Expected) => r.first_seen >= window[0]! && r.first_seen < window[1]!
    const cases: Array<[string, (r: Expected) => boolean]> = [
      [`suffix=gov&${ALL_TIME}`, (r) => under(r.domain, 'gov.')],
      ['suffix=EDU.&since=2016-07-10&until=2016-07-20',
        (r) => under(r.domain, 'edu.') && inWindow(r)],
      [`suffix=.&${ALL_TIME}`, () => true],
      [`suffix=example.co.uk&${ALL_TIME}`, () => false],
      [`nameserver=*.domaincontrol.com&${ALL_TIME}`,
        (r) => under(r.nameserver, 'domaincontrol.com.')],
      [`nameserver=MNS01.domaincontrol.com.&${ALL_TIME}`,
        (r) => r.nameserver === 'mns01.domaincontrol.com.'],
      [`nameserver=*.com&suffix=gov&${ALL_TIME}`,
        (r) => under(r.nameserver, 'com.') && under(r.domain, 'gov.')],
      ['nameserver=*.net&suffix=edu&since=2016-07-10&until=2016-07-20',
        (r) => under(r.nameserver, 'net.') && under(r.domain, 'edu.') && inWindow(r)],
      [`nameserver=never.seen.example&${ALL_TIME}`, () => false]
    ]
    for (const [query, wanted] of cases) {
      const res = await app.inject(`/v1/new-domains?${query}&limit=10000`)
      t.equal(res.statusCode, 200, query)
      const records = shown(res.json().records)
      t.same(byDomain(records), byDomain(all.filter(wanted)), `${query}: ${records.length} domains`)
      t.ok(inOrder(records, query.includes('nameserver=')), `${query}: in order`)
    }
    t.ok(all.filter((r) => under(r.domain, 'gov.')).length > 100, 'the fixture has enough to page')
  })

t.test('every page size pages through exactly the whole list, in every plan', async (t) => {
  for (const query of ['suffix=gov&since=2016-07-05&until=2016-07-15',
    `nameserver=*.domaincontrol.com&${ALL_TIME}`,
    'nameserver=*.com&since=2016-07-10&until=2016-07-20', 'since=2016-07-10&until=2016-07-14']) {
    const url = `/v1/new-domains?${query}`
    const whole = (await walkPages(app, url, 10_000)).records
    t.ok(whole.length > 20, `${query}: ${whole.length} records`)
    await assertEveryPageSize(t, app, url, whole)
  }
})

t.test('a window relative to now does not slide while a client pages through it', async (t) => {
  const now = Date.now
  t.teardown(() => { Date.now = now })
  const url = '/v1/new-domains?since=-1000000000&suffix=gov&limit=100'
  const first = (await app.inject(url)).json()
  const later = now() + 5_000
  Date.now = () => later
  const second = await app.inject(`${url}&cursor=${first.next_cursor}`)
  t.equal(second.statusCode, 200, 'the cursor of a relative window still answers')
  t.same(second.json().query, first.query, 'in the window of the first page')
  const again = (await app.inject(url)).json().query
  t.equal(again.until - first.query.until, 5, 'a new first page is a new window')
})

t.test('bad filters are a 400 that says what to send', async (t) => {
  const page = (await app.inject(`/v1/new-domains?nameserver=*.com&${ALL_TIME}&limit=1`)).json()
  const cases: Array<[string, string, RegExp]> = [
    ['nameserver=*', 'INVALID_NAME', /names no suffix.*send \*\. and a suffix/],
    ['nameserver=*.*.example.net', 'INVALID_NAME', /more than one \*.*send \*\.example\.net$/],
    ['nameserver=bad..name', 'INVALID_NAME', /empty label/],
    ['nameserver=', 'INVALID_REQUEST', /^query parameter nameserver= is empty/],
    ['suffix=*.xyz', 'INVALID_NAME', /send the zone itself/],
    ['suffix=.xyz', 'INVALID_NAME', /empty label/],
    ['suffix=x_y%20z', 'INVALID_NAME', /space/],
    ['tld=xyz', 'INVALID_REQUEST', /unknown parameter "tld"/],
    [`nameserver=*.net&${ALL_TIME}&cursor=${page.next_cursor}`, 'INVALID_CURSOR', /next_cursor/],
    [`suffix=com&${ALL_TIME}&cursor=${page.next_cursor}`, 'INVALID_CURSOR', /next_cursor/]
  ]
  for (const [query, code, detail] of cases) {
    const res = await app.inject(`/v1/new-domains?${query}`)
    t.equal(res.statusCode, 400, query)
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', query)
    t.match(res.json(), { status: 400, code, detail }, query)
  }
})
