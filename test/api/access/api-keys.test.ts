/** Keys for the whole API: which routes need one, how each API takes it, how a refusal reads. */
import t, { type Test } from 'tap'
import { buildApp, type AppOptions } from '../../../src/api/app.js'
import { tempStore } from '../../helpers/temp-store.js'

const KEY = 'native-test-key-0123456789'
const OTHER = 'second-test-key-0123456789'

async function keyedApp (t: Test, options: Partial<AppOptions> = {}) {
  const app = await buildApp({ store: tempStore(t), logger: false, apiKeys: [KEY, OTHER],
    ...options })
  t.teardown(() => app.close())

  return app
}

const NATIVE = ['/v1/domains/example.com', '/v1/ips/192.0.2.1', '/v1/ips/192.0.2.0/24',
  '/v1/nameservers/ns.example.net', '/v1/mx/mx.example.net', '/v1/cnames/www.example.com',
  '/v1/new-domains', '/v1/rejected', '/metrics']

t.test('with keys configured, /v1 and /metrics need one: X-API-Key or Bearer', async (t) => {
  const app = await keyedApp(t)
  for (const url of NATIVE) {
    const refused = await app.inject(url)
    t.equal(refused.statusCode, 401, url)
    t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8')
    t.equal(refused.headers['www-authenticate'], 'Bearer realm="dnsledger"')
    t.match(refused.json(), { code: 'UNAUTHORIZED',
      detail: 'this API needs a key: send it in the X-API-Key header or as Authorization: ' +
        'Bearer KEY' })
    t.equal((await app.inject({ url, headers: { 'x-api-key': KEY } })).statusCode, 200, url)
    const bearer = await app.inject({ url, headers: { authorization: `Bearer ${OTHER}` } })
    t.equal(bearer.statusCode, 200, url)
  }
})

t.test('an unknown key, or a key in a form /v1 does not take, is refused as such', async (t) => {
  const app = await keyedApp(t)
  const url = '/v1/domains/example.com'
  const basic = `Basic ${Buffer.from(`user:${KEY}`).toString('base64')}`
  for (const headers of [{ 'x-api-key': 'wrong-key-0123456789abc' }, { authorization: KEY },
    { authorization: basic }, { authorization: 'Bearer' }, { 'x-api-key': '' }]) {
    const res = await app.inject({ url, headers })
    t.equal(res.statusCode, 401, JSON.stringify(headers))
    t.equal(res.headers['www-authenticate'], 'Bearer realm="dnsledger", error="invalid_token"')
    t.match(res.json().detail, /not one this server knows: check it, and send it in the X-API-Key/)
  }
})

t.test('a key in the query string is not read, and the refusal says why', async (t) => {
  const app = await keyedApp(t)
  for (const name of ['api_key', 'apikey', 'token', 'access_token']) {
    const res = await app.inject(`/v1/domains/example.com?${name}=${KEY}`)
    t.equal(res.statusCode, 401, name)
    t.match(res.json().detail, `(${name} in the URL is not read: URLs end up in logs)`)
    t.notMatch(res.body, KEY, 'the key is not echoed, in the detail or the instance')
  }
  const withHeader = await app.inject({ url: `/v1/domains/example.com?api_key=${KEY}`,
    headers: { 'x-api-key': KEY } })
  t.equal(withHeader.statusCode, 400, 'with a good header the parameter is just unknown')
  t.match(withHeader.json(), { detail: /unknown parameter "api_key"/,
    instance: '/v1/domains/example.com?api_key=[redacted]' })
})

t.test('health, readiness, the API description and DNSDB ping stay open', async (t) => {
  const app = await keyedApp(t)
  for (const url of ['/health', '/ready', '/openapi.json', '/docs/', '/docs/json',
    '/dnsdb/v2/ping']) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 200, url)
    t.notOk('ratelimit-limit' in res.headers, `${url} is not limited either`)
  }
})

t.test('paths that match no route need a key too: nothing is open by omission', async (t) => {
  const app = await keyedApp(t)
  t.equal((await app.inject('/v2/anything')).statusCode, 401)
  t.equal((await app.inject({ url: '/v2/anything', headers: { 'x-api-key': KEY } })).statusCode,
    404)
})

t.test('DNSDB keeps its 403 and CIRCL its Basic challenge', async (t) => {
  const app = await keyedApp(t)
  const dnsdb = await app.inject('/dnsdb/v2/lookup/rrset/name/example.com')
  t.same([dnsdb.statusCode, dnsdb.headers['content-type']], [403, 'text/plain; charset=utf-8'])
  t.match(dnsdb.body, /^Error: missing or unknown API key: send a configured key in the X-API-Key/)
  const bearerOnDnsdb = await app.inject({ url: '/dnsdb/v2/lookup/rrset/name/example.com',
    headers: { authorization: `Bearer ${KEY}` } })
  t.equal(bearerOnDnsdb.statusCode, 403, 'DNSDB takes X-API-Key only, as DNSDB does')
  const circl = await app.inject('/pdns/query/example.com')
  t.equal(circl.statusCode, 401)
  t.equal(circl.headers['www-authenticate'], 'Basic realm="dnsledger", charset="UTF-8"')
})

t.test('with no keys configured everything is open, as before', async (t) => {
  const app = await keyedApp(t, { apiKeys: [] })
  for (const url of [...NATIVE, '/dnsdb/v2/rate_limit', '/pdns/query/example.com']) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 200, url)
    t.notOk('ratelimit-limit' in res.headers, 'and unlimited by default')
  }
})

t.test('the OpenAPI document declares the schemes, and 401 and 429 where they apply',
  async (t) => {
    const app = await keyedApp(t)
    const document = (await app.inject('/openapi.json')).json()
    t.same(Object.keys(document.components.securitySchemes), ['ApiKey', 'Bearer', 'Basic'])
    const lookup = document.paths['/v1/domains/{name}'].get
    t.same(lookup.security, [{ ApiKey: [] }, { Bearer: [] }])
    t.ok(lookup.responses['401'].headers['WWW-Authenticate'])
    t.ok(lookup.responses['429'].headers['Retry-After'])
    const dnsdb = document.paths['/dnsdb/v2/lookup/rdata/ip/{ip}'].get
    t.same([dnsdb.security, Object.keys(dnsdb.responses['403'].content)],
      [[{ ApiKey: [] }], ['text/plain']])
    t.same(document.paths['/pdns/query/{q}'].get.security,
      [{ Basic: [] }, { ApiKey: [] }, { Bearer: [] }])
    t.same(document.paths['/health'].get.security, [])
    t.notOk(document.paths['/dnsdb/v2/rate_limit'].get.responses['429'],
      'asking for the limit does not count against it')
  })
