import t from 'tap'
import type { Store } from '../../src/store/store.js'
import { batchOf, obs } from '../helpers/temp-store.js'
import { testApp } from '../helpers/test-app.js'

const SEEN = 1_467_700_000

function fill (store: Store): void {
  const records = [
    obs('example.com.', 'A', '192.0.2.1', SEEN),
    obs('example.com.', 'MX', '10 mx.example.net.', SEEN),
    obs('example.com.', 'NS', 'ns1.example.net.', SEEN),
    obs('example.com.', 'TXT', '"v=spf1 -all"', SEEN),
    obs('example.com.', 'SOA', 'ns1.example.com. host.example.com. 1 2 3 4 5', SEEN),
    obs('example.com.', 'SOA', 'ns1.example.com. host.example.com. 2 2 3 4 5', SEEN + 10),
    obs('www.example.com.', 'A', '192.0.2.1', SEEN),
    obs('www.example.com.', 'CNAME', 'cdn.example.net.', SEEN),
    obs('www.example.com.', 'TXT', '"v=spf1 +all"', SEEN),
    obs('example.org.', 'MX', '10 mx.example.net.', SEEN),
    obs('example.org.', 'NS', 'ns1.example.net.', SEEN),
    obs('img.example.org.', 'CNAME', 'cdn.example.net.', SEEN)
  ]
  const newDomains = ['a.example.', 'b.example.', 'c.example.']
    .map((domain, i) => ({ domain, nameserver: 'ns1.example.net.', firstSeen: SEEN + i }))
  const rejects = [0, 1, 2].map((i) => ({
    topic: 'spamhaus_pdns_ipv4', partition: 0, offset: String(i), code: 'bad_ipv4',
    reason: 'not an address', payload: Buffer.from(`x|${i}`)
  }))
  store.write(batchOf(records, { newDomains, rejects }))
}

/** Each /v1 list, a request cut at one record, and each way to change what it answers. */
const LISTS: Array<[string, string[]]> = [
  ['/v1/domains/example.com?', [
    '/v1/domains/*.example.com?', '/v1/domains/example.org?', 'type=A,MX',
    'time_first_after=100000000', 'time_first_before=2000000000', 'time_last_after=100000000',
    'time_last_before=2000000000']],
  ['/v1/ips/192.0.2.1?', ['/v1/ips/192.0.2.0/24?', '/v1/ips/192.0.2.1-192.0.2.9?',
    'time_first_after=100000000', 'time_last_before=2000000000']],
  ['/v1/ips/192.0.2.0/24?', ['/v1/ips/192.0.2.0/25?', 'time_last_after=100000000']],
  ['/v1/nameservers/ns1.example.net?', ['/v1/nameservers/*.example.net?',
    'time_first_after=100000000', 'time_last_before=2000000000']],
  ['/v1/mx/mx.example.net?', ['/v1/mx/*.example.net?', 'time_first_after=100000000']],
  ['/v1/cnames/cdn.example.net?', ['/v1/cnames/*.example.net?', 'time_last_after=100000000']],
  ['/v1/txt?contains=spf1&', ['/v1/txt?contains=Spf1&ignore_case=true&',
    '/v1/txt?contains=SPF1&ignore_case=true&', '/v1/txt?contains=spf1&ignore_case=true&',
    '/v1/txt?contains=v=spf1&', '/v1/txt?prefix=spf1&',
    'name=*.example.com', 'name=example.com', 'time_first_after=100000000',
    'time_last_before=2000000000']],
  ['/v1/txt?prefix=v=spf1&', ['/v1/txt?prefix=v=spf&', 'name=*.example.com']],
  ['/v1/zones/example.com/soa?', ['order=desc', '/v1/zones/com/soa?',
    'time_first_after=100000000']],
  ['/v1/zones/example.com/soa?order=desc&', ['/v1/zones/example.com/soa?order=asc&']],
  [`/v1/new-domains?since=${SEEN - 1}&until=${SEEN + 9}&`, [
    `/v1/new-domains?since=${SEEN - 2}&until=${SEEN + 9}&`,
    `/v1/new-domains?since=${SEEN - 1}&until=${SEEN + 8}&`,
    'nameserver=ns1.example.net', 'nameserver=*.example.net', 'suffix=example']],
  ['/v1/rejected?', ['topic=spamhaus_pdns_ipv4', 'code=bad_ipv4']]
]

/** An alteration is a whole new base (a path and its query) or a parameter added to it. */
function altered (base: string, change: string, cursor: string): string {
  const cut = `limit=1&cursor=${cursor}`

  return change.startsWith('/') ? `${change}${cut}` : `${base}${change}&${cut}`
}

t.test('a cursor replayed with any result-changing parameter altered is refused', async (t) => {
  const app = await testApp(t, fill)
  for (const [base, changes] of LISTS) {
    const first = await app.inject(`${base}limit=1`)
    t.equal(first.statusCode, 200, base)
    const cursor = first.json().next_cursor as string
    t.ok(cursor, `${base} is cut at one record`)
    const same = await app.inject(`${base}limit=1&cursor=${cursor}`)
    t.equal(same.statusCode, 200, `${base} takes its own cursor`)

    for (const change of changes) {
      const res = await app.inject(altered(base, change, cursor))
      t.equal(res.statusCode, 400, `${base} then ${change}`)
      t.equal(res.json().code, 'INVALID_CURSOR', `${base} then ${change}: ${res.json().detail}`)
    }
  }
})

t.test('a cursor still works with what does not change the result set', async (t) => {
  const app = await testApp(t, fill)
  const first = await app.inject('/v1/domains/example.com?limit=1')
  const cursor = first.json().next_cursor as string
  for (const change of ['limit=2', 'format=ndjson', 'humantime=true']) {
    const res = await app.inject(`/v1/domains/example.com?${change}&cursor=${cursor}`)
    t.equal(res.statusCode, 200, change)
  }
})
