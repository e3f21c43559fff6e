import t from 'tap'
import { recordKey } from '../helpers/feed-oracle.js'
import { fixtureApp } from '../helpers/fixture-app.js'
import { assertEveryPageSize, walkPages, type Served } from '../helpers/page-walk.js'

const { app, expected } = await fixtureApp(t, ['spamhaus_pdns_ipv4', 'spamhaus_pdns_ipv6'])

/** An address as a number, worked out here from its text rather than by dnsledger's parser. */
function ipValue (text: string): bigint {
  if (!text.includes(':')) {
    return text.split('.').reduce((value, octet) => value * 256n + BigInt(octet), 0n)
  }
  const [head = '', tail] = text.split('::')
  const groupsOf = (part: string) => part === '' ? [] : part.split(':')
  const known = [...groupsOf(head), ...groupsOf(tail ?? '')]
  const groups = tail === undefined
    ? known
    : [...groupsOf(head), ...Array(8 - known.length).fill('0'), ...groupsOf(tail)]

  return groups.reduce((value, group) => value * 65536n + BigInt(`0x${group}`), 0n)
}

function inRange (first: string, last: string) {
  const type = first.includes(':') ? 'AAAA' : 'A'
  return [...expected.records.keys()].filter((key) => {
    const [, rrtype, rdata] = key.split('|') as [string, string, string]
    return rrtype === type && ipValue(rdata) >= ipValue(first) && ipValue(rdata) <= ipValue(last)
  })
}

function keys (records: Served[]): string[] {
  return records.map((r) => recordKey(r.rrname as string, r.rrtype as string, r.rdata as string))
}

function inAddressOrder (records: Served[]): boolean {
  return records.every((record, i) => i === 0 ||
    ipValue(records[i - 1]?.rdata as string) <= ipValue(record.rdata as string))
}

const RANGES: Array<[string, string]> = [
  ['149.0.0.0', '149.255.255.255'],
  ['149.111.205.10', '149.111.205.200'],
  ['0.0.0.0', '255.255.255.255'],
  ['192.0.2.1', '192.0.2.1'],
  ['2607:f8b0::', '2607:f8b0:ffff:ffff:ffff:ffff:ffff:ffff'],
  ['::', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff']
]

t.test('first-last finds every name with an address in the range, as the feed says',
  async (t) => {
    for (const [first, last] of RANGES) {
      const walk = await walkPages(app, `/v1/ips/${first}-${last}`, 10_000)
      const want = inRange(first, last)
      t.same(keys(walk.records).sort(), want.sort(), `${first}-${last}: ${want.length} records`)
      t.ok(inAddressOrder(walk.records), `${first}-${last}: in address order`)
    }
    const page = (await app.inject('/v1/ips/2607:F8B0:0::-2607:f8b0:ffff::?limit=1')).json()
    t.same(page.query, { ip: '2607:f8b0::-2607:f8b0:ffff::', rrtype: 'AAAA' }, 'as understood')
    const whole = (await app.inject('/v1/ips/0.0.0.0-255.255.255.255?limit=10')).json()
    t.equal(whole.truncated, true, 'a wide range is paged, never cut short')
  })

t.test('every page size pages through exactly the whole list', async (t) => {
  for (const url of ['/v1/ips/149.0.0.0-149.255.255.255',
    '/v1/ips/2607:f8b0::-2607:f8b0:ffff:ffff:ffff:ffff:ffff:ffff']) {
    const whole = (await walkPages(app, url, 10_000)).records
    t.ok(whole.length > 50, `${url}: ${whole.length} records`)
    await assertEveryPageSize(t, app, url, whole)
  }
})

t.test('a range that is not two addresses of one family in order is a 400 that says why',
  async (t) => {
    const cases: Array<[string, RegExp]> = [
      ['192.0.2.200-192.0.2.10',
        /starts above its end: send the lower address first \(192\.0\.2\.10-192\.0\.2\.200\)/],
      ['192.0.2.1-2001:db8::1', /mixes IPv4 and IPv6: send two addresses of one family/],
      ['2001:db8::1-192.0.2.1', /mixes IPv6 and IPv4/],
      ['192.0.2.1-192.0.2.256', /the end of range "192\.0\.2\.1-192\.0\.2\.256": .*256/],
      ['-192.0.2.1', /the start of range/],
      ['192.0.2.1-', /the end of range/],
      ['192.0.2.1-192.0.2.2-192.0.2.3', /the end of range/],
      ['2001:db8::ff-2001:db8::1', /lower address first \(2001:db8::1-2001:db8::ff\)/]
    ]
    for (const [range, detail] of cases) {
      const res = await app.inject(`/v1/ips/${range}`)
      t.equal(res.statusCode, 400, range)
      t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', range)
      t.match(res.json(), { status: 400, code: 'INVALID_IP', detail }, range)
    }
  })

t.test('a network written with host bits is read as its network, and the answer says so',
  async (t) => {
    const network = (await app.inject('/v1/ips/149.111.205.0/24?limit=1000')).json()
    t.ok(network.records.length > 0)
    for (const path of ['/v1/ips/149.111.205.68/24', '/v1/ips/149.111.205.68,24',
      '/v1/ips/149.111.205.68%2F24']) {
      const res = (await app.inject(`${path}?limit=1000`)).json()
      t.same(res.query, { ip: '149.111.205.0/24', rrtype: 'A' }, `${path}: query shows the network`)
      t.same(res.records, network.records, `${path}: the network's records`)
    }
    const v6 = (await app.inject('/v1/ips/2001:db8::1/32')).json()
    t.same(v6.query, { ip: '2001:db8::/32', rrtype: 'AAAA' })
    const bulk = await app.inject({ method: 'POST', url: '/v1/lookup',
      payload: { indicators: ['149.111.205.68/24'] } })
    t.match(bulk.json().results[0], { indicator: '149.111.205.68/24', canonical: '149.111.205.0/24' })
  })
