import t from 'tap'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Store } from '../../src/store/store.js'
import { mxRange } from '../../src/store/rdata-codec.js'
import { batchOf, obs, tempDir, tempStore } from '../helpers/temp-store.js'

const all = { limit: 1000 }

t.test('one row per distinct (rrname, rrtype, rdata) with exact first_seen, last_seen, count',
  async (t) => {
    const store = tempStore(t)
    store.write(batchOf([
      obs('www.example.com.', 'A', '192.0.2.1', 200),
      obs('www.example.com.', 'A', '192.0.2.1', 100),
      obs('www.example.com.', 'A', '192.0.2.2', 150)
    ]))
    store.write(batchOf([obs('www.example.com.', 'A', '192.0.2.1', 300)]))

    const page = store.observations.byName('www.example.com.', all)
    t.same(page.records, [
      { rrname: 'www.example.com.', rrtype: 'A', rdata: '192.0.2.1',
        first_seen: 100, last_seen: 300, count: 3 },
      { rrname: 'www.example.com.', rrtype: 'A', rdata: '192.0.2.2',
        first_seen: 150, last_seen: 150, count: 1 }
    ])
    t.equal(page.nextCursor, undefined)
  })

t.test('every record type round-trips its rdata', async (t) => {
  const store = tempStore(t)
  const records = [
    obs('example.com.', 'A', '192.0.2.1', 1),
    obs('example.com.', 'NS', 'ns1.example.net.', 1),
    obs('example.com.', 'SOA', 'ns1.example.net. hostmaster.example.com. 1 2 3 4 5', 1),
    obs('example.com.', 'MX', 'mx.example.net.', 1),
    obs('example.com.', 'MX', '10 mx.example.net.', 1),
    obs('example.com.', 'TXT', '"v=spf1 -all" "a \\"quoted\\" string"', 1),
    obs('example.com.', 'AAAA', '2001:db8::1', 1),
    obs('www.example.com.', 'CNAME', 'example.com.', 1)
  ]
  store.write(batchOf(records))

  const stored = store.observations.byName('example.com.', { ...all, subdomains: 'include' }).records
  t.same(stored.map((r) => [r.rrname, r.rrtype, r.rdata]).sort(),
    records.map((r) => [r.rrname, r.rrtype, r.rdata]).sort())
})

t.test('reverse lookups: address, network, nameserver, mail exchanger with and without preference',
  async (t) => {
    const store = tempStore(t)
    store.write(batchOf([
      obs('a.example.com.', 'A', '192.0.2.1', 1),
      obs('b.example.com.', 'A', '192.0.2.200', 1),
      obs('c.example.com.', 'A', '198.51.100.1', 1),
      obs('example.com.', 'MX', 'mx.example.net.', 1),
      obs('example.org.', 'MX', '20 mx.example.net.', 1),
      obs('example.org.', 'MX', 'other.example.net.', 1),
      obs('example.com.', 'NS', 'ns1.example.net.', 1)
    ]))
    const ip = (text: string) => Buffer.from(text.split('.').map(Number))
    const names = (page: { records: { rrname: string }[] }) => page.records.map((r) => r.rrname).sort()

    t.same(names(store.observations.byRdata('A', ip('192.0.2.1'), ip('192.0.2.1'), all)),
      ['a.example.com.'])
    t.same(names(store.observations.byRdata('A', ip('192.0.2.0'), ip('192.0.2.255'), all)),
      ['a.example.com.', 'b.example.com.'])
    const mxId = store.nameIdOf('mx.example.net.') as number
    const [low, high] = mxRange(mxId)
    t.same(names(store.observations.byRdata('MX', low, high, all)), ['example.com.', 'example.org.'])
    const nsId = store.nameIdOf('ns1.example.net.') as number
    t.same(names(store.observations.byRdata('NS', BigInt(nsId), BigInt(nsId), all)),
      ['example.com.'])
  })

t.test('suffix lookups stay inside the subtree', async (t) => {
  const store = tempStore(t)
  store.write(batchOf([
    obs('example.com.', 'A', '192.0.2.1', 1),
    obs('www.example.com.', 'A', '192.0.2.2', 1),
    obs('example-other.com.', 'A', '192.0.2.3', 1),
    obs('notexample.com.', 'A', '192.0.2.4', 1),
    obs('example.com.evil.net.', 'A', '192.0.2.5', 1)
  ]))
  const names = store.observations.byName('example.com.', { ...all, subdomains: 'include' })
    .records.map((r) => r.rrname)
  t.same(names, ['example.com.', 'www.example.com.'])
})

t.test('paging by cursor never skips or repeats a record, even with writes in between',
  async (t) => {
    const store = tempStore(t)
    const many = Array.from({ length: 25 }, (_, i) => obs(`h${i}.example.com.`, 'A', `192.0.2.${i}`, i))
    store.write(batchOf(many))

    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = store.observations.byName('example.com.', { limit: 4, cursor, subdomains: 'include' })
      seen.push(...page.records.map((r) => r.rrname))
      cursor = page.nextCursor
      store.write(batchOf([obs('h0.example.com.', 'A', '192.0.2.0', 99)]))
    } while (cursor !== undefined)
    t.equal(seen.length, 25)
    t.equal(new Set(seen).size, 25)
  })

t.test('offsets commit in the same transaction as the rows they produced', async (t) => {
  const store = tempStore(t)
  store.write(batchOf([obs('example.com.', 'A', '192.0.2.1', 1)], {
    offsets: [{ topic: 'spamhaus_pdns_ipv4', partition: 0, nextOffset: '1' }]
  }))
  t.same(store.offsets(), [{ topic: 'spamhaus_pdns_ipv4', partition: 0, nextOffset: '1' }])

  const poisoned = batchOf([obs('example.com.', 'A', 'not an address', 2)], {
    offsets: [{ topic: 'spamhaus_pdns_ipv4', partition: 0, nextOffset: '2' }]
  })
  t.throws(() => store.write(poisoned))
  t.same(store.offsets(), [{ topic: 'spamhaus_pdns_ipv4', partition: 0, nextOffset: '1' }],
    'a failed batch moves no offset')
  t.equal(store.observations.byName('example.com.', all).records[0]?.count, 1)
})

t.test('newly observed domains keep the earliest report and its nameserver', async (t) => {
  const store = tempStore(t)
  store.write(batchOf([], {
    newDomains: [
      { domain: 'new.example.', nameserver: 'ns2.example.net.', firstSeen: 200 },
      { domain: 'new.example.', nameserver: 'ns1.example.net.', firstSeen: 100 }
    ]
  }))
  t.same(store.newDomains.find({ since: 0, until: 1000, asked: '', limit: 10 }).records, [
    { domain: 'new.example.', first_seen: 100, nameserver: 'ns1.example.net.', count: 2 }
  ])
  t.same(store.newDomains.find({ since: 101, until: 1000, asked: '', limit: 10 }).records, [])
})

t.test('a file that is not a database is reported and left untouched', async (t) => {
  const path = join(tempDir(t), 'not-a.db')
  writeFileSync(path, 'this is not sqlite, but somebody\'s notes'.repeat(100))
  t.throws(() => Store.open(path), { code: 'STORE_CORRUPT' })
})

t.test('a database that cannot be opened is named, with what to check', async (t) => {
  const path = join(tempDir(t), 'no-such-folder', 'x.db')
  t.throws(() => Store.open(path), { code: 'STORE_CANNOT_OPEN', message: /no-such-folder.*DNSLEDGER_DB/ })
  t.throws(() => Store.open(path, { readonly: true }), { code: 'STORE_CANNOT_OPEN' })
})
