/** Token buckets through the API, on a clock the test moves: no test here waits for time. */
import t, { type Test } from 'tap'
import { buildApp, type AppOptions } from '../../../src/api/app.js'
import { tempStore } from '../../helpers/temp-store.js'

const T0 = 1_700_000_000_000
const FAST = 'fast-test-key-0123456789'
const SLOW = 'slow-test-key-0123456789'
const FREE = 'free-test-key-0123456789'

interface Clock {
  now: number
}

async function limitedApp (t: Test, options: Partial<AppOptions> = {}) {
  const clock: Clock = { now: T0 }
  const app = await buildApp({
    store: tempStore(t),
    logger: false,
    maxLimit: 250,
    apiKeys: [FAST, { key: SLOW, rate: { count: 2, seconds: 60, burst: 2 } },
      { key: FREE, rate: 'unlimited' }],
    rateLimit: { count: 10, seconds: 1, burst: 3 },
    clock: () => clock.now,
    ...options
  })
  t.teardown(() => app.close())

  return { app, clock }
}

t.test('every answer to a limited key says where it stands; past the burst, a 429',
  async (t) => {
    const { app } = await limitedApp(t)
    const get = () => app.inject({ url: '/v1/domains/example.com', headers: { 'x-api-key': FAST } })
    const remaining = []
    for (let i = 0; i < 3; i++) {
      const res = await get()
      t.equal(res.statusCode, 200)
      t.equal(res.headers['ratelimit-limit'], '3')
      remaining.push(res.headers['ratelimit-remaining'])
    }
    t.same(remaining, ['2', '1', '0'])
    const refused = await get()
    t.equal(refused.statusCode, 429)
    t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8')
    t.same([refused.headers['retry-after'], refused.headers['ratelimit-remaining'],
      refused.headers['ratelimit-reset']], ['1', '0', '1'])
    t.match(refused.json(), { status: 429, code: 'RATE_LIMITED', detail: 'this API key may ' +
      'make 10 requests a second, 3 at once, and has used them: wait 1 s (Retry-After) before ' +
      'the next request, or ask for a higher limit' })
  })

t.test('the bucket refills with the clock, a token at a time', async (t) => {
  const { app, clock } = await limitedApp(t)
  const get = () => app.inject({ url: '/pdns/query/example.com', headers: { 'x-api-key': SLOW } })
  t.same([(await get()).statusCode, (await get()).statusCode, (await get()).statusCode],
    [200, 200, 429])
  clock.now += 29_999
  const early = await get()
  t.same([early.statusCode, early.headers['retry-after']], [429, '1'])
  clock.now += 1
  const refilled = await get()
  t.same([refilled.statusCode, refilled.headers['ratelimit-remaining']], [200, '0'],
    '2 a minute: one every 30 s')
})

t.test('one bucket per key, shared by /v1, DNSDB and CIRCL; keys do not share', async (t) => {
  const { app } = await limitedApp(t)
  const headers = { 'x-api-key': SLOW }
  t.equal((await app.inject({ url: '/v1/ips/192.0.2.1', headers })).statusCode, 200)
  t.equal((await app.inject({ url: '/pdns/query/192.0.2.1', headers })).statusCode, 200)
  const dnsdb = await app.inject({ url: '/dnsdb/v2/lookup/rdata/ip/192.0.2.1', headers })
  t.equal(dnsdb.statusCode, 429)
  t.equal(dnsdb.headers['content-type'], 'text/plain; charset=utf-8', 'DNSDB errors stay text')
  t.match(dnsdb.body, /^Error: this API key may make 2 requests a minute, 2 at once/)
  t.same([dnsdb.headers['retry-after'], dnsdb.headers['ratelimit-limit']], ['30', '2'])
  const other = await app.inject({ url: '/v1/ips/192.0.2.1', headers: { 'x-api-key': FAST } })
  t.equal(other.statusCode, 200, 'another key has its own bucket')
})

t.test('a key whose line says unlimited is not limited, nor told of limits', async (t) => {
  const { app } = await limitedApp(t)
  for (let i = 0; i < 10; i++) {
    const res = await app.inject({ url: '/v1/rejected', headers: { 'x-api-key': FREE } })
    t.equal(res.statusCode, 200)
    t.notOk('ratelimit-limit' in res.headers)
  }
})

t.test('DNSDB rate_limit reports the caller\'s own bucket, and asking costs nothing',
  async (t) => {
    const { app, clock } = await limitedApp(t)
    const rate = async (key: string) => {
      const res = await app.inject({ url: '/dnsdb/v2/rate_limit', headers: { 'x-api-key': key } })
      t.ok(res.body.endsWith('}\n'), 'one JSON line')
      return JSON.parse(res.body).rate
    }
    const fixed = { results_max: 250, offset_max: 1000000 }
    t.same(await rate(SLOW), { reset: T0 / 1000, limit: 2, remaining: 2, burst_size: 2,
      burst_window: 60, ...fixed })
    t.same(await rate(SLOW), { reset: T0 / 1000, limit: 2, remaining: 2, burst_size: 2,
      burst_window: 60, ...fixed }, 'rate_limit did not count')
    await app.inject({ url: '/dnsdb/v2/lookup/rrset/name/example.com',
      headers: { 'x-api-key': SLOW } })
    clock.now += 10_000
    t.same(await rate(SLOW), { reset: T0 / 1000 + 30, limit: 2, remaining: 1, burst_size: 2,
      burst_window: 60, ...fixed }, 'full again 30 s after the request')
    t.same(await rate(FAST), { reset: T0 / 1000 + 10, limit: 3, remaining: 3, burst_size: 3,
      burst_window: 1, ...fixed }, 'the default: 10/s with a burst of 3')
    t.same(await rate(FREE), { reset: 'n/a', limit: 'unlimited', remaining: 'n/a', ...fixed })
  })

t.test('with no keys, API_RATE_LIMIT applies per client address (IPv6 per /64)', async (t) => {
  const { app } = await limitedApp(t, { apiKeys: [], rateLimit: { count: 1, seconds: 60,
    burst: 1 } })
  const from = (remoteAddress: string, url = '/v1/domains/example.com') =>
    app.inject({ url, remoteAddress })
  t.equal((await from('192.0.2.1')).statusCode, 200)
  t.equal((await from('192.0.2.1', '/pdns/query/example.com')).statusCode, 429)
  t.equal((await from('192.0.2.2')).statusCode, 200, 'another address')
  t.equal((await from('2001:db8:0:1::1')).statusCode, 200)
  t.equal((await from('2001:db8:0:1::abcd')).statusCode, 429, 'the same /64')
  t.equal((await from('192.0.2.1', '/health')).statusCode, 200, 'open routes are not limited')
  const rate = JSON.parse((await from('192.0.2.2', '/dnsdb/v2/rate_limit')).body).rate
  t.match(rate, { limit: 1, remaining: 0, burst_window: 60 })
})

t.test('limits are off unless set', async (t) => {
  const { app } = await limitedApp(t, { apiKeys: [], rateLimit: undefined })
  for (let i = 0; i < 20; i++) {
    t.equal((await app.inject('/v1/domains/example.com')).statusCode, 200)
  }
})
