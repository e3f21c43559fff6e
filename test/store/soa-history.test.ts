import t, { type Test } from 'tap'
import type { SoaHistoryOptions } from '../../src/store/soa-history-queries.js'
import type { Store } from '../../src/store/store.js'
import { batchOf, obs, tempStore } from '../helpers/temp-store.js'

const soa = (serial: number) =>
  `ns1.example.net. hostmaster.example.com. ${serial} 7200 900 1209600 3600`

/** example.com.'s SOA serials with the time each was seen, beside records that are not its SOA. */
function zoneStore (t: Test, seen: Array<[number, number]>): Store {
  const store = tempStore(t)
  store.write(batchOf([
    ...seen.map(([serial, time]) => obs('example.com.', 'SOA', soa(serial), time)),
    obs('www.example.com.', 'SOA', soa(999), 50),
    obs('example.com.', 'TXT', '"not an SOA"', 10)
  ]))

  return store
}

function allSerials (store: Store, options: Omit<SoaHistoryOptions, 'cursor'>): number[] {
  const serials: number[] = []
  let cursor: string | undefined
  do {
    const page = store.soa.history('example.com.', { ...options, cursor })
    if (page.records.length > options.limit) throw new Error('page over its limit')
    serials.push(...page.records.map((r) => r.serial))
    cursor = page.nextCursor
  } while (cursor !== undefined)

  return serials
}

t.test('every SOA of the zone with its fields, first and last seen and count', async (t) => {
  const store = zoneStore(t, [[2024010101, 300], [2024010100, 100], [2024010100, 200]])
  const page = store.soa.history('example.com.', { order: 'asc', limit: 10 })
  t.same(page.records, [
    { zone: 'example.com.', mname: 'ns1.example.net.', rname: 'hostmaster.example.com.',
      serial: 2024010100, refresh: 7200, retry: 900, expire: 1209600, minimum: 3600,
      rdata: soa(2024010100), first_seen: 100, last_seen: 200, count: 2 },
    { zone: 'example.com.', mname: 'ns1.example.net.', rname: 'hostmaster.example.com.',
      serial: 2024010101, refresh: 7200, retry: 900, expire: 1209600, minimum: 3600,
      rdata: soa(2024010101), first_seen: 300, last_seen: 300, count: 1 }
  ])
  t.equal(page.nextCursor, undefined)
  t.same(store.soa.history('nothing.example.', { order: 'asc', limit: 10 }).records, [])
})

t.test('first_seen order, oldest or newest first, ties by rdata, under every page size',
  async (t) => {
    // Serials not in time order (a rollback), and two first seen in the same second.
    const seen: Array<[number, number]> = [[5, 500], [3, 100], [9, 300], [4, 300], [1, 700],
      [7, 200], [2, 600], [8, 400], [6, 800]]
    const store = zoneStore(t, seen)
    const oldestFirst = [3, 7, 4, 9, 8, 5, 2, 1, 6]
    for (const limit of [1, 2, 3, 4, 8, 9, 10]) {
      t.same(allSerials(store, { order: 'asc', limit }), oldestFirst, `asc limit=${limit}`)
      t.same(allSerials(store, { order: 'desc', limit }), [...oldestFirst].reverse(),
        `desc limit=${limit}`)
    }
  })

t.test('time fences, and cursors of another zone or order', async (t) => {
  const store = zoneStore(t, [[1, 100], [2, 200], [3, 300]])
  t.same(allSerials(store, { order: 'asc', limit: 10, fences: { firstSeenAfter: 100 } }), [2, 3])
  t.same(allSerials(store, { order: 'asc', limit: 10, fences: { lastSeenBefore: 300 } }), [1, 2])

  const first = store.soa.history('example.com.', { order: 'asc', limit: 1 })
  t.throws(() => store.soa.history('example.com.', { order: 'desc', limit: 1,
    cursor: first.nextCursor }), { code: 'INVALID_CURSOR' })
  t.throws(() => store.soa.history('www.example.com.', { order: 'asc', limit: 1,
    cursor: first.nextCursor }), { code: 'INVALID_CURSOR' })
})
