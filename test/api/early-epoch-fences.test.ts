/**
 * A year or a date without dashes sent as a /v1 time (2023, 20231004) would be read as epoch
 * seconds in 1970 and widen the window to the whole history without a word: /v1 refuses epoch
 * values before 1973-03-03 with a 400 saying how it read them and what to write; 0 stays, and
 * the DNSDB dialect, whose clients send what they send, takes them as before. The answers'
 * `query` shows every time as read, in epoch seconds and ISO 8601.
 */
import t from 'tap'
import { parseDnsdbParams } from '../../src/api/dnsdb/dnsdb-params.js'
import { parseFences } from '../../src/api/request-params.js'
import { testApp } from '../helpers/test-app.js'
import { batchOf, obs } from '../helpers/temp-store.js'

const SEEN = 1_696_400_000

const LISTS = ['/v1/domains/example.com', '/v1/ips/192.0.2.1', '/v1/nameservers/ns.example.net',
  '/v1/mx/mx.example.net', '/v1/cnames/cdn.example.net', '/v1/zones/example.com/soa',
  '/v1/txt?contains=spf1']

const FENCES = ['time_first_after', 'time_first_before', 'time_last_after', 'time_last_before']

function fixture () {
  return testApp(t, (store) => store.write(batchOf([
    obs('example.com.', 'A', '192.0.2.1', SEEN)
  ])))
}

t.test('every /v1 time refuses a year or a compact date read as 1970, saying what to write',
  async (t) => {
    const app = await fixture()
    for (const list of LISTS) {
      for (const fence of FENCES) {
        const url = `${list}${list.includes('?') ? '&' : '?'}${fence}=2023`
        const reply = await app.inject(url)
        t.equal(reply.statusCode, 400, url)
        t.equal(reply.json().detail, `${fence}=2023 was read as epoch seconds, ` +
          '1970-01-01T00:33:43Z, before any passive DNS: write a date in ISO 8601, such as ' +
          `${fence}=2023-01-01, or epoch seconds, such as ${fence}=1672531200`, url)
      }
    }
    const compact = await app.inject('/v1/domains/example.com?time_last_after=20231004')
    t.equal(compact.statusCode, 400)
    t.match(compact.json().detail, new RegExp('read as epoch seconds, 1970-08-23T\\S+Z, before ' +
      'any passive DNS: write a date in ISO 8601, such as time_last_after=2023-10-04, or ' +
      'epoch seconds, such as time_last_after=1696377600$'))
    const odd = await app.inject('/v1/domains/example.com?time_last_after=99999999')
    t.match(odd.json().detail, /such as time_last_after=2023-01-01, or epoch seconds, such as /)
    for (const param of ['since', 'until']) {
      const reply = await app.inject(`/v1/new-domains?${param}=2016`)
      t.equal(reply.statusCode, 400, param)
      t.match(reply.json().detail, `${param}=2016 was read as epoch seconds, 1970-01-01T00:33:36Z`)
    }
    const bulk = await app.inject({ method: 'POST', url: '/v1/lookup',
      payload: { indicators: ['example.com'], time_last_after: 2023 } })
    t.equal(bulk.statusCode, 400)
    t.match(bulk.json().detail, /^"time_last_after": 2023 was read as epoch seconds, .*such as /)
    t.match(bulk.json().detail,
      /such as "time_last_after": "2023-01-01", or epoch seconds, such as/)
  })

t.test('0, 100000000 and later, negative and ISO times are taken as before', async (t) => {
  const app = await fixture()
  for (const value of ['0', '100000000', '1672531200', '-86400', '2023-01-01']) {
    const reply = await app.inject(`/v1/domains/example.com?time_first_after=${value}`)
    t.equal(reply.statusCode, 200, value)
  }
  const window = await app.inject('/v1/new-domains?since=0&until=100000000')
  t.equal(window.statusCode, 200)
})

t.test('the DNSDB dialect takes any epoch value, as its clients send it', async (t) => {
  const now = 1_800_000_000
  t.match(parseDnsdbParams({ time_last_after: '2023' }, 'lookup', 50, now),
    { fences: { lastSeenAfter: 2023 } })
  t.same(parseFences({ time_first_after: '20231004' }, now), { firstSeenAfter: 20231004,
    firstSeenBefore: undefined, lastSeenAfter: undefined, lastSeenBefore: undefined })
})

t.test('lookups show their fences as read, in epoch seconds and ISO 8601', async (t) => {
  const app = await fixture()
  const sent = 'time_first_after=2023-10-04&time_last_before=1696464000'
  const shown = {
    time_first_after: 1696377600,
    time_first_after_iso: '2023-10-04T00:00:00Z',
    time_last_before: 1696464000,
    time_last_before_iso: '2023-10-05T00:00:00Z'
  }
  for (const list of LISTS) {
    const reply = await app.inject(`${list}${list.includes('?') ? '&' : '?'}${sent}`)
    t.equal(reply.statusCode, 200, list)
    t.match(reply.json().query, shown, list)
  }
  const bulk = await app.inject({ method: 'POST', url: '/v1/lookup', payload: {
    indicators: ['example.com'], time_first_after: '2023-10-04', time_last_before: 1696464000
  } })
  t.match(bulk.json().query, shown)
  const relative = await app.inject('/v1/domains/example.com?time_last_after=-86400')
  const query = relative.json().query
  t.equal(query.time_last_after_iso, new Date(query.time_last_after * 1000).toISOString()
    .replace('.000Z', 'Z'), 'a relative fence as the moment it meant')
  const none = await app.inject('/v1/domains/example.com')
  t.notOk('time_last_after' in none.json().query, 'a fence not sent is not shown')
  const window = await app.inject('/v1/new-domains?since=2016-07-01&until=2016-08-01')
  t.match(window.json().query, { since: 1467331200, since_iso: '2016-07-01T00:00:00Z',
    until: 1470009600, until_iso: '2016-08-01T00:00:00Z' })
})

t.test('every refused time of a request is named, not only the first', async (t) => {
  const app = await fixture()
  const window = await app.inject('/v1/new-domains?since=2023&until=2024')
  t.equal(window.statusCode, 400)
  t.match(window.json().detail, new RegExp('^since=2023 was read as epoch seconds, .*such as ' +
    'since=2023-01-01.*; until=2024 was read as epoch seconds, .*such as until=2024-01-01'))
  t.equal((await app.inject('/v1/new-domains?since=2023-01-01&until=2024-01-01')).statusCode, 200)

  const fences = await app.inject('/v1/domains/example.com?time_first_after=2023&' +
    'time_last_before=x&time_last_after=2016-07-05')
  t.equal(fences.statusCode, 400)
  t.match(fences.json().detail,
    /^time_first_after=2023 was read .*; time_last_before="x" is not a time/)

  const bulk = await app.inject({ method: 'POST', url: '/v1/lookup',
    payload: { indicators: ['example.com'], time_first_before: 2023, time_last_after: 2024 } })
  t.match(bulk.json().detail,
    /^"time_first_before": 2023 was read .*; "time_last_after": 2024 was/)

  const dnsdb = await app.inject('/dnsdb/v2/lookup/rrset/name/example.com?time_first_after=x&' +
    'time_last_before=y')
  t.equal(dnsdb.statusCode, 400)
  t.match(dnsdb.body, /^Error: time_first_after="x" is not a time.*; time_last_before="y" is not/)
})
