import t from 'tap'
import { recordKey, type Expected } from '../helpers/feed-oracle.js'
import { fixtureApp } from '../helpers/fixture-app.js'
import { assertEveryPageSize, walkPages, type Served } from '../helpers/page-walk.js'

const ROUTES = { NS: 'nameservers', MX: 'mx', CNAME: 'cnames' } as const

const { app, expected } = await fixtureApp(t, ['spamhaus_pdns_ns', 'spamhaus_pdns_mx',
  'spamhaus_pdns_cname'])

/** The target an MX, NS or CNAME rdata names: MX rdata may lead with a preference. */
function targetOf (rdata: string): string {
  return rdata.replace(/^\d+ /, '')
}

function under (name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`)
}

function keyed (records: Served[]): Map<string, Expected> {
  return new Map(records.map((r) => {
    const { first_seen: first, last_seen: last, count } = r as unknown as Expected
    return [recordKey(r.rrname as string, r.rrtype as string, r.rdata as string),
      { first_seen: first, last_seen: last, count }]
  }))
}

/** Each target's records are together: targets do not interleave. */
function groupedByTarget (records: Served[]): boolean {
  const done = new Set<string>()
  return records.every((record, i) => {
    const target = targetOf(record.rdata as string)
    const before = records[i - 1]
    if (before !== undefined && targetOf(before.rdata as string) === target) return true
    if (done.has(target)) return false

    return done.add(target)
  })
}

t.test('`*.name` finds every record whose target is the name or under it, as the feed says',
  async (t) => {
    const cases: Array<[keyof typeof ROUTES, string]> = [
      ['NS', 'domaincontrol.com.'], ['NS', 'gov.'], ['NS', 'never.example.'],
      ['MX', 'corpmailsvcs.com.'], ['MX', 'com.'], ['MX', 'google.com.'],
      ['CNAME', 'net.'], ['CNAME', 'edgekey.net.'], ['CNAME', 'akamaiedge.net.']
    ]
    for (const [rrtype, zone] of cases) {
      const want = new Map([...expected.records].filter(([key]) => {
        const [, type, rdata] = key.split('|') as [string, string, string]
        return type === rrtype && under(targetOf(rdata), zone)
      }))
      const spelling = zone.toUpperCase().slice(0, -1)
      const walk = await walkPages(app, `/v1/${ROUTES[rrtype]}/*.${spelling}`, 10_000)
      const got = keyed(walk.records)
      t.equal(walk.records.length, got.size, `${rrtype} *.${zone}: no record twice`)
      t.same([...got].sort(), [...want].sort(), `${rrtype} *.${zone}: ${want.size} records`)
      t.ok(groupedByTarget(walk.records), `${rrtype} *.${zone}: grouped by target`)
    }
  })

t.test('every page size pages through exactly the whole list', async (t) => {
  for (const url of ['/v1/nameservers/*.registrar-servers.com', '/v1/mx/*.mimecast.com',
    '/v1/cnames/*.akamaiedge.net']) {
    const whole = (await walkPages(app, url, 10_000)).records
    t.ok(whole.length > 30, `${url}: ${whole.length} records`)
    await assertEveryPageSize(t, app, url, whole)
  }
})

t.test('the query says what was understood; cursors and bad names are refused', async (t) => {
  const first = (await app.inject('/v1/nameservers/*.Registrar-Servers.COM?limit=2')).json()
  t.same(first.query, { host: '*.registrar-servers.com.', rrtype: 'NS' })
  const all = (await walkPages(app, '/v1/nameservers/*.registrar-servers.com', 10_000)).records
  const counts = new Map<string, number>()
  for (const { rdata } of all) counts.set(rdata as string, (counts.get(rdata as string) ?? 0) + 1)
  const [busiest] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? []
  const exact = (await app.inject(`/v1/nameservers/${busiest}?limit=1`)).json()
  t.ok(exact.next_cursor !== null && first.next_cursor !== null, 'both lists go on')
  const cases: Array<[string, string, RegExp]> = [
    ['/v1/nameservers/*.bad..name', 'INVALID_NAME', /empty label/],
    ['/v1/mx/*.', 'INVALID_NAME', /names no suffix/],
    ['/v1/cnames/*.a.*.b', 'INVALID_NAME', /wildcard|\*/],
    [`/v1/nameservers/*.registrar-servers.com?cursor=${exact.next_cursor}`, 'INVALID_CURSOR',
      /next_cursor/],
    [`/v1/mx/*.registrar-servers.com?cursor=${first.next_cursor}`, 'INVALID_CURSOR', /next_cursor/],
    [`/v1/nameservers/*.com?cursor=${first.next_cursor}`, 'INVALID_CURSOR', /next_cursor/]
  ]
  for (const [url, code, detail] of cases) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 400, url)
    t.match(res.json(), { status: 400, code, detail }, url)
  }
})
