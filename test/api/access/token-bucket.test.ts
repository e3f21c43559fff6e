import t from 'tap'
import { BucketTable } from '../../../src/api/access/bucket-table.js'
import { callerOfAddress } from '../../../src/api/access/client-address.js'
import { parseBurst, parseRate } from '../../../src/api/access/rate-limit.js'
import { RateLimiter } from '../../../src/api/access/rate-limiter.js'
import { TokenBucket } from '../../../src/api/access/token-bucket.js'

const T0 = 1_700_000_000_000

t.test('rates: a count per second, minute or hour, or unlimited; burst is the count', async (t) => {
  t.same(parseRate('600/min'), { count: 600, seconds: 60, burst: 600 })
  t.same(parseRate('10/S'), { count: 10, seconds: 1, burst: 10 })
  t.same(parseRate('5000/hour'), { count: 5000, seconds: 3600, burst: 5000 })
  t.equal(parseRate('Unlimited'), 'unlimited')
  for (const text of ['0/s', '10', '10/day', '1.5/s', ' 10/s', '10 / s', '0x10/s', '2000000/s']) {
    t.equal(parseRate(text), undefined, text)
  }
  t.equal(parseBurst('25'), 25)
  for (const text of ['0', '-1', '1e3', '2000000', '']) t.equal(parseBurst(text), undefined, text)
})

t.test('a bucket lets the burst through, then one request per refill interval', async (t) => {
  const bucket = new TokenBucket({ count: 60, seconds: 60, burst: 3 }, T0)
  t.same(bucket.state(T0), { limit: 3, remaining: 3, resetSeconds: 0, retryAfterSeconds: 0 })
  t.ok(bucket.take(T0) && bucket.take(T0) && bucket.take(T0), 'the burst')
  t.notOk(bucket.take(T0), 'then empty')
  t.same(bucket.state(T0), { limit: 3, remaining: 0, resetSeconds: 3, retryAfterSeconds: 1 })
  t.notOk(bucket.take(T0 + 999), 'not a millisecond early')
  t.ok(bucket.take(T0 + 1000), 'one token a second')
  t.notOk(bucket.take(T0 + 1000))
  t.same(bucket.state(T0 + 60_000), { limit: 3, remaining: 3, resetSeconds: 0,
    retryAfterSeconds: 0 }, 'never more than the burst')
  t.ok(bucket.isFull(T0 + 60_000))
})

t.test('slow rates refill exactly, and a clock that steps back adds nothing', async (t) => {
  const bucket = new TokenBucket({ count: 10, seconds: 60, burst: 1 }, T0)
  t.ok(bucket.take(T0))
  t.equal(bucket.state(T0).retryAfterSeconds, 6)
  t.notOk(bucket.take(T0 + 5_999))
  t.notOk(bucket.take(T0 - 60_000), 'time went back: still empty')
  t.ok(bucket.take(T0 + 6_000), '10 a minute is one every 6 s, to the millisecond')
})

t.test('the table forgets the least recently seen caller first, and stays bounded',
  async (t) => {
    const rate = { count: 1, seconds: 60, burst: 1 }
    const table = new BucketTable(2)
    table.bucket('a', rate, T0).take(T0)
    table.bucket('b', rate, T0).take(T0)
    table.bucket('a', rate, T0)
    table.bucket('c', rate, T0)
    t.equal(table.size, 2)
    t.notOk(table.bucket('a', rate, T0).take(T0), 'a was seen recently: kept, still empty')
    t.ok(table.bucket('b', rate, T0).take(T0), 'b was forgotten: a full bucket again')
  })

t.test('addresses: IPv4 as is, IPv4-mapped as IPv4, IPv6 by its /64', async (t) => {
  t.equal(callerOfAddress('192.0.2.1'), '192.0.2.1')
  t.equal(callerOfAddress('::ffff:192.0.2.1'), '192.0.2.1')
  t.equal(callerOfAddress('2001:db8:1:2::1'), callerOfAddress('2001:db8:1:2:ffff::9'))
  t.not(callerOfAddress('2001:db8:1:2::1'), callerOfAddress('2001:db8:1:3::1'))
})

t.test('the limiter: each key its own rate, addresses bounded, peek counts nothing',
  async (t) => {
    let now = T0
    const limiter = new RateLimiter({
      keyRates: [{ count: 2, seconds: 1, burst: 2 }, 'unlimited'],
      addressRate: { count: 1, seconds: 60, burst: 1 },
      clock: () => now,
      maxAddresses: 100
    })
    t.equal(limiter.take({ kind: 'key', index: 1 }), undefined, 'an unlimited key')
    t.match(limiter.take({ kind: 'key', index: 0 }), { allowed: true, remaining: 1, atMs: T0 })
    t.match(limiter.peek({ kind: 'key', index: 0 }), { allowed: true, remaining: 1 })
    t.match(limiter.take({ kind: 'key', index: 0 }), { allowed: true, remaining: 0 })
    t.match(limiter.take({ kind: 'key', index: 0 }), { allowed: false, retryAfterSeconds: 1 })
    now += 500
    t.match(limiter.take({ kind: 'key', index: 0 }), { allowed: true, remaining: 0 })

    for (let i = 0; i < 250; i++) limiter.take({ kind: 'address', address: `10.0.${i}.1` })
    t.equal(limiter.trackedAddresses, 100, 'a flood of addresses keeps at most the bound')
    t.match(limiter.take({ kind: 'address', address: '10.0.249.1' }), { allowed: false })
  })
