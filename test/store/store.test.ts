import t from 'tap'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { SCHEMA_VERSION } from '../../src/store/migrations.js'
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

t.test('reverse lookups page through a range and through one busy target without a gap',
  async (t) => {
    const store = tempStore(t)
    store.write(batchOf([
      ...Array.from({ length: 30 }, (_, i) =>
        obs(`n${i}.example.com.`, 'A', `192.0.2.${i % 3}`, 1)),
      ...Array.from({ length: 30 }, (_, i) =>
        obs(`d${i}.example.org.`, 'NS', 'ns.example.net.', 1)),
      obs('outside.example.com.', 'A', '192.0.3.0', 1)
    ]))
    const ip = (text: string) => Buffer.from(text.split('.').map(Number))
    const nsId = BigInt(store.nameIdOf('ns.example.net.') as number)
    const walk = (read: (cursor?: string) => { records: Array<{ rrname: string, rdata: string }>,
      nextCursor?: string }) => {
      const seen: string[] = []
      let cursor: string | undefined
      do {
        const page = read(cursor)
        seen.push(...page.records.map((r) => `${r.rdata} ${r.rrname}`))
        cursor = page.nextCursor
      } while (cursor !== undefined)
      return seen
    }
    const network = walk((cursor) =>
      store.observations.byRdata('A', ip('192.0.2.0'), ip('192.0.2.255'), { limit: 4, cursor }))
    t.equal(network.length, 30)
    t.equal(new Set(network).size, 30)
    t.notOk(network.some((line) => line.includes('outside')), 'the range still ends at its end')
    const busy = walk((cursor) =>
      store.observations.byRdata('NS', nsId, nsId, { limit: 7, cursor }))
    t.equal(new Set(busy).size, 30)
  })

t.test('a reverse lookup page after a cursor seeks to the cursor, not to the range start',
  async (t) => {
    const store = tempStore(t)
    store.write(batchOf([obs('a.example.com.', 'A', '192.0.2.1', 1),
      obs('b.example.com.', 'A', '192.0.2.2', 1)]))
    const prepared: string[] = []
    const prepare = store.db.prepare.bind(store.db)
    store.db.prepare = ((sql: string) => {
      prepared.push(sql)
      return prepare(sql)
    }) as typeof store.db.prepare
    const low = Buffer.from([192, 0, 2, 0])
    const high = Buffer.from([192, 0, 2, 255])
    const first = store.observations.byRdata('A', low, high, { limit: 1 })
    store.observations.byRdata('A', low, high, { limit: 1, cursor: first.nextCursor })
    const sql = prepared.at(-1) ?? ''
    const holes = Array.from(sql.matchAll(/\?/g), () => 0)
    const plan = (prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...holes) as Array<{ detail: string }>)
      .map((step) => step.detail).join(' | ')
    t.match(plan, /observations_by_rdata \(rrtype=\? AND \(rdata,rrname_id\)>\(\?,\?\)/, plan)
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
  t.same(store.newDomains.find({ since: 0, until: 1000, limit: 10 }).records, [
    { domain: 'new.example.', first_seen: 100, nameserver: 'ns1.example.net.', count: 2 }
  ])
  t.same(store.newDomains.find({ since: 101, until: 1000, limit: 10 }).records, [])
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

t.test('the service\'s reader migrates, then only reads, with a small page cache', async (t) => {
  const path = join(tempDir(t), 'reader.db')
  const reader = Store.open(path, { role: 'reader' })
  t.teardown(() => reader.close())
  t.equal(reader.db.pragma('user_version', { simple: true }), SCHEMA_VERSION, 'migrated')
  t.equal(reader.db.pragma('journal_mode', { simple: true }), 'wal')
  t.equal(reader.db.pragma('cache_size', { simple: true }), -32_768)
  t.throws(() => reader.write(batchOf([obs('a.example.', 'A', '192.0.2.1', 1)])),
    /opened for reading only/)
  t.throws(() => reader.db.exec('DELETE FROM observations'), { code: 'SQLITE_READONLY' })
  const writer = Store.open(path, { role: 'writer' })
  t.teardown(() => writer.close())
  t.equal(writer.db.pragma('cache_size', { simple: true }), -262_144)
  t.equal(writer.db.pragma('mmap_size', { simple: true }), 2_147_418_112, 'reads mapped')
  t.equal(writer.db.pragma('synchronous', { simple: true }), 1, 'NORMAL')
  writer.write(batchOf([obs('a.example.', 'A', '192.0.2.1', 1)]))
  t.equal(reader.observations.byName('a.example.', all).records.length, 1, 'seen by the reader')
})

t.test('the writer thread\'s connection never migrates: it needs the reader first', async (t) => {
  const path = join(tempDir(t), 'new.db')
  t.throws(() => Store.open(path, { role: 'writer' }),
    /schema version 0 is not this dnsledger's.*migrates must open the database first/)
})

t.test('batches written together: one transaction, a batch stored before is skipped', async (t) => {
  const store = tempStore(t)
  const at = (partition: number, nextOffset: string) =>
    [{ topic: 'spamhaus_pdns_ipv4', partition, nextOffset }]
  const stored = batchOf([obs('example.com.', 'A', '192.0.2.1', 5)], { offsets: at(0, '1') })
  store.write(stored)
  const results = store.writeAll([
    stored,
    batchOf([obs('example.com.', 'A', '192.0.2.1', 9), obs('example.com.', 'A', '192.0.2.2', 7)],
      { offsets: at(1, '2') }),
    batchOf([obs('example.com.', 'A', '192.0.2.1', 3)], { offsets: at(2, '1') })
  ])

  t.match(results, [{ alreadyStored: true, distinct: 0 },
    { observations: 2, distinct: 2, alreadyStored: false },
    { observations: 1, distinct: 2, alreadyStored: false }])
  t.same(store.observations.byName('example.com.', all).records.map((r) =>
    [r.rdata, r.first_seen, r.last_seen, r.count]), [['192.0.2.1', 3, 9, 3],
    ['192.0.2.2', 7, 7, 1]])
  t.same(store.offsets().map((o) => o.nextOffset), ['1', '2', '1'])
})

t.test('a batch whose offsets the store already holds is not written again', async (t) => {
  const store = tempStore(t)
  const offsets = [{ topic: 'spamhaus_pdns_ipv4', partition: 0, nextOffset: '1' }]
  const batch = batchOf([obs('example.com.', 'A', '192.0.2.1', 1)], { offsets })
  t.match(store.write(batch), { observations: 1, distinct: 1, alreadyStored: false })
  t.match(store.write(batch), { observations: 1, distinct: 0, alreadyStored: true })
  t.equal(store.observations.byName('example.com.', all).records[0]?.count, 1)
  t.match(store.write(batchOf([obs('example.com.', 'A', '192.0.2.1', 2)])),
    { alreadyStored: false }, 'a batch with no offsets (a file) is always written')
  t.equal(store.observations.byName('example.com.', all).records[0]?.count, 2)
})
