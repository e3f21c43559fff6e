import t from 'tap'
import { testApp } from '../helpers/test-app.js'

t.test('a served path sent with a trailing slash is a 404 saying to drop the slash', async (t) => {
  const app = await testApp(t)
  const cases: Array<[string, string]> = [
    ['/v1/domains/walmart.com/', 'GET /v1/domains/walmart.com'],
    ['/v1/domains/walmart.com/?type=A', 'GET /v1/domains/walmart.com?type=A'],
    ['/v1/ips/1.2.3.4/', 'GET /v1/ips/1.2.3.4'],
    ['/v1/ips/1.2.3.0/24/', 'GET /v1/ips/1.2.3.0/24'],
    ['/pdns/query/walmart.com/', 'GET /pdns/query/walmart.com']
  ]
  for (const [url, fixed] of cases) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 404, url)
    t.match(res.json(), { code: 'NOT_FOUND', detail: /ends with a slash.*: drop it: / }, url)
    t.ok(res.json().detail.endsWith(fixed), url)
  }
})

t.test('DNSDB says the same in its own form', async (t) => {
  const app = await testApp(t)
  for (const path of ['lookup/rrset/name/example.com/', 'lookup/rrset/name/example.com/A/',
    'ping/']) {
    const res = await app.inject(`/dnsdb/v2/${path}`)
    t.equal(res.statusCode, 404, path)
    t.match(res.headers['content-type'], /^text\/plain/)
    t.match(res.body, /^Error: .* ends with a slash, which no path here takes: drop it: GET /)
  }
})

t.test('an unknown path with a trailing slash stays a plain 404', async (t) => {
  const app = await testApp(t)
  const res = await app.inject('/v1/nothing/')
  t.equal(res.statusCode, 404)
  t.notMatch(res.json().detail, /trailing|ends with a slash/)
  t.equal((await app.inject('/docs/')).statusCode, 200, 'the docs page keeps its own slash')
})
