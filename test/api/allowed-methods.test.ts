import t from 'tap'
import { testApp } from '../helpers/test-app.js'

t.test('a known path with another method is a 405 naming the methods it takes', async (t) => {
  const app = await testApp(t)
  for (const [method, url] of [['POST', '/v1/domains/example.com'], ['DELETE', '/health'],
    ['PUT', '/v1/ips/192.0.2.0/24?limit=5'], ['OPTIONS', '/pdns/query/example.com'],
    ['PATCH', '/metrics']] as const) {
    const res = await app.inject({ method, url })
    t.equal(res.statusCode, 405, `${method} ${url}`)
    t.equal(res.headers.allow, 'GET, HEAD')
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
    t.match(res.json(), { code: 'METHOD_NOT_ALLOWED',
      detail: `${url.split('?')[0]} does not take ${method}: send GET or HEAD` })
  }
})

t.test('DNSDB paths answer 405 in DNSDB\'s own form', async (t) => {
  const app = await testApp(t)
  const res = await app.inject({ method: 'POST', url: '/dnsdb/v2/lookup/rrset/name/example.com' })
  t.same([res.statusCode, res.headers.allow, res.body],
    [405, 'GET, HEAD', 'Error: POST is not taken here: send GET or HEAD\n'])
})

t.test('a path no method takes is still a 404', async (t) => {
  const app = await testApp(t)
  for (const method of ['GET', 'POST'] as const) {
    const res = await app.inject({ method, url: '/v1/nothing-here' })
    t.equal(res.statusCode, 404, method)
    t.notOk('allow' in res.headers)
  }
  t.equal((await app.inject({ method: 'POST', url: '/dnsdb/v2/nothing' })).statusCode, 404)
})

t.test('a method that fails before routing (QUERY without a Content-Type) is still a 405 or 404',
  async (t) => {
    const app = await testApp(t)
    for (const [url, status] of [['/health', 405], ['/v1/domains/example.com', 405],
      ['/dnsdb/v2/ping', 405], ['/v1/nothing-here', 404], ['/dnsdb/v2/nothing', 404]] as const) {
      const res = await app.inject({ method: 'QUERY', url })
      t.equal(res.statusCode, status, url)
      if (status === 405) t.equal(res.headers.allow, 'GET, HEAD', url)
    }
  })

t.test('with keys, a path no route takes still asks for a key first', async (t) => {
  const app = await testApp(t, undefined, { apiKeys: ['allowed-methods-key-0123456789'] })
  for (const method of ['GET', 'QUERY'] as const) {
    const res = await app.inject({ method, url: '/v1/nothing-here' })
    t.equal(res.statusCode, 401, method)
  }
})
