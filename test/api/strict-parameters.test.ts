/**
 * Every integer a route declares, found in the OpenAPI document so that a parameter added later
 * is covered too, takes decimal digits only; a repeated query parameter is named as repeated.
 */
import t, { type Test } from 'tap'
import { testApp } from '../helpers/test-app.js'

const SAMPLES: Record<string, string> = {
  name: 'example.com', ip: '192.0.2.1', prefix: '24', host: 'ns.example.net',
  target: 'www.example.com', owner: 'example.com', rrtype: 'A', bailiwick: 'example.com',
  q: 'example.com'
}

interface Parameter {
  in: string
  name: string
  schema?: { type?: string }
}

interface Operation {
  parameters?: Parameter[]
}

/** `?x=0x10` and friends, as a URL carries them. */
const NOT_DECIMAL = ['0x10', '1e3', '%205', '5%20', '%2B5', '5.0', '0b11', '']

async function integerParameters (t: Test) {
  const app = await testApp(t)
  const document = (await app.inject('/openapi.json')).json()
  const found: Array<{ path: string, parameter: Parameter }> = []
  for (const [template, methods] of Object.entries(document.paths)) {
    const operation = (methods as Record<string, Operation>).get
    const path = template.replaceAll(/\{(\w+)\}/g, (_, name: string) => SAMPLES[name] ?? name)
    for (const parameter of operation?.parameters ?? []) {
      if (parameter.schema?.type === 'integer') found.push({ path, parameter })
    }
  }

  return { app, found }
}

t.test('integer query parameters and headers take decimal digits only', async (t) => {
  const { app, found } = await integerParameters(t)
  const names = new Set(found.map(({ parameter }) => `${parameter.in} ${parameter.name}`))
  t.same([...names].sort(), ['header dribble-paginate-count', 'header dribble-paginate-cursor',
    'query limit', 'query max_count', 'query offset'], 'the integers the API declares')
  t.ok(found.filter(({ path }) => path.startsWith('/v1/')).length >= 8, 'every /v1 lookup')

  for (const { path, parameter } of found) {
    for (const value of NOT_DECIMAL) {
      const res = parameter.in === 'query'
        ? await app.inject(`${path}?${parameter.name}=${value}`)
        : await app.inject({ url: path, headers: { [parameter.name]: decodeURIComponent(value) } })
      t.equal(res.statusCode, 400, `${path} ${parameter.name}=${value}`)
      t.match(res.body, `${parameter.name}`)
      // An empty /v1 parameter is refused for being empty, whatever its type.
      const empty = value === '' && parameter.in === 'query' && path.startsWith('/v1/')
      t.match(res.body, empty ? `${parameter.name}= is empty`
        : 'is not a whole number in decimal digits: send digits 0-9 only')
    }
  }
})

t.test('digits still work, and other limits still speak for themselves', async (t) => {
  const app = await testApp(t)
  t.equal((await app.inject('/v1/domains/example.com?limit=007')).statusCode, 200)
  t.equal((await app.inject('/dnsdb/v2/lookup/rrset/name/example.com?limit=5&offset=0'))
    .statusCode, 200)
  t.equal((await app.inject({ url: '/pdns/query/example.com',
    headers: { 'dribble-paginate-count': '5' } })).statusCode, 200)
  const zero = await app.inject('/v1/domains/example.com?limit=0')
  t.equal(zero.json().detail, 'limit must be an integer of at least 1; got limit=0: send ' +
    'limit=1 or more')
  const negative = await app.inject('/v1/domains/example.com?limit=-5')
  t.match(negative.json().detail, /got limit=-5: send limit=1 or more/)
})

t.test('a repeated query parameter is named as such, on every API', async (t) => {
  const app = await testApp(t)
  const native = await app.inject('/v1/domains/example.com?limit=1&limit=2')
  t.equal(native.statusCode, 400)
  t.equal(native.json().detail, 'query parameter limit was sent 2 times: send it once')
  const text = await app.inject('/v1/rejected?topic=a&topic=b&topic=c')
  t.equal(text.json().detail, 'query parameter topic was sent 3 times: send it once')
  const dnsdb = await app.inject('/dnsdb/v2/lookup/rrset/name/example.com?offset=1&offset=1')
  t.same([dnsdb.statusCode, dnsdb.body],
    [400, 'Error: query parameter offset was sent 2 times: send it once\n'])
  const fence = await app.inject('/v1/new-domains?since=-60&since=-120')
  t.match(fence.json().detail, 'since was sent 2 times')
  const header = await app.inject({ url: '/pdns/query/example.com',
    headers: { 'dribble-paginate-count': ['5', '6'] } })
  t.match(header.json().detail, 'header dribble-paginate-count: "5, 6" was sent more than once')
})

t.test('time fences in epoch seconds take no surrounding spaces either', async (t) => {
  const app = await testApp(t)
  for (const url of ['/v1/domains/example.com?time_first_after=%201467700000',
    '/v1/new-domains?since=1467700000%20']) {
    const res = await app.inject(url)
    t.same([res.statusCode, res.json().code], [400, 'INVALID_TIME'], url)
  }
  const dnsdb = await app.inject('/dnsdb/v2/lookup/rrset/name/example.com?time_last_after=%2010')
  t.same([dnsdb.statusCode, /is not a time/.test(dnsdb.body)], [400, true])
})
