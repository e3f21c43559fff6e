import t from 'tap'
import { testApp } from '../helpers/test-app.js'

/** A value for each path parameter the API describes. */
const PATH_VALUES: Record<string, string> = {
  name: 'example.com', ip: '192.0.2.1', prefix: '24', host: 'ns1.example.net',
  target: 'www.example.com', zone: 'example.com', q: 'example.com', owner: 'example.com',
  rrtype: 'A', value: 'example.com', bailiwick: 'example.com'
}

const BODIES: Record<string, unknown> = { '/v1/lookup': { indicators: ['example.com'] } }

t.test('every lookup refuses a query parameter it does not take, with or without a schema for '
  + 'its query string', async (t) => {
  const app = await testApp(t)
  await app.ready()
  const document = app.swagger() as { paths: Record<string, Record<string, unknown>> }
  const lookups = Object.entries(document.paths)
    .filter(([path]) => /^\/(v1|pdns|dnsdb)\//.test(path))
    // DNSDB's ping and rate_limit are not lookups, and dnsdbq sends its swclient to them.
    .filter(([path]) => !/\/(ping|rate_limit)$/.test(path))
  t.ok(lookups.some(([path]) => path === '/v1/lookup'), 'the bulk lookup is among them')

  for (const [path, operations] of lookups) {
    const url = path.replaceAll(/\{(\w+)\}/g, (_, name: string) => PATH_VALUES[name] ?? 'x')
    for (const method of Object.keys(operations)) {
      const res = await app.inject({ method: method.toUpperCase() as 'GET', url: `${url}?limt=5`,
        payload: BODIES[path] as object })
      t.equal(res.statusCode, 400, `${method} ${url}`)
      const detail = path.startsWith('/dnsdb/') ? res.body : res.json().detail
      t.match(detail, /unknown parameter "limt"/, `${method} ${url}`)
    }
  }
})

t.test('the bulk lookup and the CIRCL query say where the value belongs', async (t) => {
  const app = await testApp(t)
  const bulk = await app.inject({ method: 'POST', url: '/v1/lookup?limit=5',
    payload: { indicators: ['example.com'] } })
  t.equal(bulk.statusCode, 400)
  t.match(bulk.json().detail, /takes no query parameters: send limit in the JSON body/)
  const circl = await app.inject('/pdns/query/example.com?limit=1')
  t.equal(circl.statusCode, 400)
  t.match(circl.headers['content-type'], /^application\/problem\+json/)
  t.match(circl.json().detail, /takes no query parameters: .*dribble-paginate-count/)
})
